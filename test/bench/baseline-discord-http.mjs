// The do-nothing Discord bot for HTTP interactions mode (npm run bench:discord): a minimal signed-HTTP
// responder on node:http and node:crypto, with no SDK, no store and no rules. It checks each POST's
// Ed25519 signature as Discord requires; the quiz command posts one question with 4 buttons as a channel
// message over REST and answers "Posted to this channel." inline; a press updates the question with its
// count (UPDATE_MESSAGE, inline). Plain JavaScript, run with `node` and no loader.
import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:http';

const token = process.env.DISCORD_TOKEN ?? '';
const api = process.env.DISCORD_API_BASE ?? '';
const publicKeyHex = process.env.DISCORD_PUBLIC_KEY ?? '';
const port = Number(process.env.DISCORD_INTERACTIONS_PORT ?? '');
if (token === '' || api === '' || !/^[0-9a-f]{64}$/i.test(publicKeyHex) || !(port > 0)) {
  console.error(
    'baseline-discord-http: set DISCORD_TOKEN, DISCORD_API_BASE, DISCORD_PUBLIC_KEY and DISCORD_INTERACTIONS_PORT',
  );
  process.exit(2);
}
const key = createPublicKey({
  key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(publicKeyHex, 'hex')]),
  format: 'der',
  type: 'spki',
});

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
  allowed_mentions: { parse: [] },
});
/** Presses per question message. */
const counts = new Map();

async function interact(interaction) {
  if (interaction.type === 1) return { type: 1 };
  if (interaction.type === 2 && interaction.data?.name === 'quiz') {
    const response = await fetch(`${api}/v10/channels/${interaction.channel_id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(question(0)),
    });
    if (!response.ok) throw new Error(`posting the question: ${response.status}`);
    return { type: 4, data: { content: 'Posted to this channel.', flags: 64 } };
  }
  if (interaction.type === 3) {
    const id = interaction.message.id;
    const count = (counts.get(id) ?? 0) + 1;
    counts.set(id, count);
    return { type: 7, data: question(count) };
  }
  return { type: 4, data: { content: 'Not handled.', flags: 64 } };
}

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    const signature = String(request.headers['x-signature-ed25519'] ?? '');
    const timestamp = String(request.headers['x-signature-timestamp'] ?? '');
    const valid =
      /^[0-9a-f]{128}$/i.test(signature) &&
      Math.abs(Date.now() / 1000 - Number(timestamp)) < 300 &&
      verify(null, Buffer.concat([Buffer.from(timestamp), body]), key, Buffer.from(signature, 'hex'));
    if (!valid) {
      response.writeHead(401).end();
      return;
    }
    interact(JSON.parse(body.toString('utf8'))).then(
      (answer) => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      },
      (error) => {
        console.error(`baseline-discord-http: ${error instanceof Error ? error.message : error}`);
        response.writeHead(500).end();
      },
    );
  });
});

const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
server.listen(port, '127.0.0.1');
