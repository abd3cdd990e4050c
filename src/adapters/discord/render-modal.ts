// An ask (Response.ask) as a Discord modal: its title and one optional paragraph field.
import {
  type APIModalInteractionResponseCallbackData,
  ComponentType,
  type ModalSubmitInteraction,
  TextInputStyle,
} from 'discord.js';
import { clipText } from '../../core/clip-text.ts';
import type { Ask } from '../../core/output.ts';
import { MODAL_LIMITS } from './discord-limits.ts';

/** The custom id of the modal's one field. */
export const FIELD_ID = 'text';

/** `customId` is the ask's payload, sealed to the channel. */
export function renderModal(ask: Ask, customId: string): APIModalInteractionResponseCallbackData {
  if (customId.length > MODAL_LIMITS.customId) throw new Error(`modal custom_id "${customId}" is too long`);
  return {
    custom_id: customId,
    title: clipText(ask.title, MODAL_LIMITS.title),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: FIELD_ID,
            style: TextInputStyle.Paragraph,
            label: clipText(ask.label, MODAL_LIMITS.label),
            required: false,
            max_length: Math.min(ask.maxLength, MODAL_LIMITS.value),
          },
        ],
      },
    ],
  };
}

/** What was typed into the modal's field ('' when left empty). */
export function submittedText(interaction: ModalSubmitInteraction): string {
  const field = interaction.fields.fields.get(FIELD_ID);
  // A submission without our field (not a modal of ours) typed nothing.
  return field?.type === ComponentType.TextInput ? field.value : '';
}
