// The `kind` option of /subscribe and /unsubscribe: what a chat can subscribe to (src/core/post-kinds/),
// by its name or a word people type for it (`recap`, `quiz`), in any case.
import { choiceOption } from '../src/command-kit/choice-option.ts';
import { listChoices } from '../src/command-kit/option-spec.ts';
import { postKinds } from '../src/core/post-kinds/index.ts';

const offered = postKinds.forChats();
const [first, ...rest] = offered.map((kind) => kind.name);
if (first === undefined) throw new Error('no post kind for chats: /subscribe would offer nothing');
const names: [string, ...string[]] = [first, ...rest];

/** `daily briefs, a weekly recap or a quiz of the day`, for the commands' descriptions. */
export const offeredKinds = listChoices(offered.map((kind) => kind.labels.offer ?? kind.labels.title));

/** `Weekly recap`: the kinds that post on a weekday their subscriber names. */
export const weeklyKinds = listChoices(
  offered.filter((kind) => kind.every === 'week').map((kind) => kind.labels.title),
);

export const postKindOption = () =>
  choiceOption(names, (lower) => {
    const kind = postKinds.spell(lower);
    return kind?.audience === 'chat' ? kind.name : undefined;
  }).describe(listChoices(names));
