// The do-nothing Discord bot newsquiz is measured against (npm run bench:discord): the same SDK and
// gateway setup (Guilds intent), no store, no rules. The quiz command posts one question with 4 buttons
// as a channel message, as newsquiz does; a press updates the question with its count. Plain
// JavaScript, run with `node` and no loader.
// biome-ignore lint/style/noRestrictedImports: the baseline is a discord.js bot, as newsquiz's adapter is.
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';

const token = process.env.DISCORD_TOKEN ?? '';
const api = process.env.DISCORD_API_BASE ?? '';
if (token === '' || api === '') {
  console.error('baseline-discord: set DISCORD_TOKEN and DISCORD_API_BASE');
  process.exit(2);
}

const components = [
  {
    type: 1,
    components: ['A', 'B', 'C', 'D'].map((letter) => ({
      type: 2,
      style: 2,
      label: `Choice ${letter}`,
      custom_id: letter,
    })),
  },
];
const question = (count) => ({
  embeds: [
    {
      title: 'Question 1 of 1',
      description: 'Which choice is right?',
      footer: { text: `${count} answered` },
    },
  ],
  components,
});
/** Presses per question message. */
const counts = new Map();

const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  rest: { api },
  allowedMentions: { parse: [] },
});
client.on(Events.InteractionCreate, async (interaction) => {
  try {
    if (interaction.isChatInputCommand() && interaction.commandName === 'quiz') {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const channel = interaction.channel;
      if (!channel?.isSendable()) throw new Error(`cannot post in channel ${interaction.channelId}`);
      await channel.send(question(0));
      await interaction.editReply('Posted to this channel.');
    } else if (interaction.isButton()) {
      const count = (counts.get(interaction.message.id) ?? 0) + 1;
      counts.set(interaction.message.id, count);
      await interaction.update(question(count));
    }
  } catch (error) {
    console.error(`baseline-discord: ${error instanceof Error ? error.message : error}`);
  }
});
client.on(Events.Error, (error) => console.error(`baseline-discord: ${error.message}`));

const stop = async () => {
  await client.destroy();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
await client.login(token);
