// A signed interaction's JSON, checked with zod before anything reads it: only the fields the bot uses.
import { z } from 'zod';

const snowflake = z.string().regex(/^\d{1,20}$/);
/** A permission bit set, as Discord sends it (a decimal string). */
const bits = z.string().regex(/^\d{1,30}$/);

export const InteractionType = {
  Ping: 1,
  ApplicationCommand: 2,
  MessageComponent: 3,
  Autocomplete: 4,
  ModalSubmit: 5,
} as const;

const userSchema = z.object({
  id: snowflake,
  username: z.string().max(100),
  global_name: z.string().max(100).nullish(),
});

const memberSchema = z.object({
  user: userSchema,
  nick: z.string().max(100).nullish(),
  permissions: bits,
});

/** A slash command's option, as Discord nests them (subcommands carry options of their own). */
type CommandOption = {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  focused?: boolean | undefined;
  options?: CommandOption[] | undefined;
};
const commandOptionSchema: z.ZodType<CommandOption> = z.lazy(() =>
  z.object({
    name: z.string().max(32),
    type: z.number().int(),
    value: z.union([z.string().max(6000), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(commandOptionSchema).max(25).optional(),
  }),
);

const commandDataSchema = z.object({
  name: z.string().max(32),
  options: z.array(commandOptionSchema).max(25).optional(),
});

const componentDataSchema = z.object({
  custom_id: z.string().max(100),
  component_type: z.number().int(),
});

/** A text input of a submitted modal: in an action row, or (newer modals) in a label. */
const textInputSchema = z.object({
  type: z.number().int(),
  custom_id: z.string().max(100),
  value: z.string().max(4000).optional(),
});
const modalRowSchema = z.object({
  type: z.number().int(),
  components: z.array(textInputSchema).max(5).optional(),
  component: textInputSchema.optional(),
});
const modalDataSchema = z.object({
  custom_id: z.string().max(100),
  components: z.array(modalRowSchema).max(5),
});

/** The message a component (or a modal opened from one) sits on. */
const messageSchema = z.object({ id: snowflake, flags: z.number().int().optional() });

const base = {
  id: snowflake,
  application_id: snowflake,
  token: z.string().min(1).max(1000),
  channel_id: snowflake.optional(),
  channel: z.object({ id: snowflake }).optional(),
  guild_id: snowflake.optional(),
  member: memberSchema.optional(),
  user: userSchema.optional(),
  app_permissions: bits.optional(),
  /** The user's client language (matched to the bot's languages later; anything odd counts as none). */
  locale: z.string().max(35).optional().catch(undefined),
};

export const interactionPayloadSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal(InteractionType.ApplicationCommand), data: commandDataSchema }),
  z.object({ ...base, type: z.literal(InteractionType.Autocomplete), data: commandDataSchema }),
  z.object({
    ...base,
    type: z.literal(InteractionType.MessageComponent),
    data: componentDataSchema,
    message: messageSchema,
  }),
  z.object({
    ...base,
    type: z.literal(InteractionType.ModalSubmit),
    data: modalDataSchema,
    message: messageSchema.optional(),
  }),
]);

export type InteractionPayload = z.infer<typeof interactionPayloadSchema>;
export type CommandPayload = Extract<InteractionPayload, { type: 2 }>;
export type AutocompletePayload = Extract<InteractionPayload, { type: 4 }>;
export type ComponentPayload = Extract<InteractionPayload, { type: 3 }>;
export type ModalPayload = Extract<InteractionPayload, { type: 5 }>;

/** Who pressed or typed: the member's user in a server, the user in a DM. */
export const userOf = (payload: InteractionPayload) => payload.member?.user ?? payload.user;

/** The channel the interaction came from. */
export const channelOf = (payload: InteractionPayload) => payload.channel?.id ?? payload.channel_id;

/** Top-level option values by name (newsquiz's commands have no subcommands). */
export function optionValues(options: readonly CommandOption[] | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const option of options ?? []) if (option.value !== undefined) values[option.name] = option.value;
  return values;
}

/** The option being typed in an autocomplete request. */
export const focusedOption = (options: readonly CommandOption[] | undefined) =>
  options?.find((option) => option.focused === true);

/** What was typed into a modal's field with this custom id ('' when absent or empty). */
export function modalText(payload: ModalPayload, fieldId: string): string {
  for (const row of payload.data.components) {
    const inputs = row.component ? [row.component] : (row.components ?? []);
    const field = inputs.find((input) => input.custom_id === fieldId);
    if (field) return field.value ?? '';
  }
  return '';
}
