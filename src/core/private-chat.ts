// A user's private chat as a platform-neutral name (`user:<id>`), for messages to one person: each poster
// finds the real chat (on Telegram the user's id; on Discord a DM channel it opens).

export const privateChatOf = (userId: string) => `user:${userId}`;

/** The user a private-chat name stands for, or undefined for an ordinary chat id. */
export const userOfPrivateChat = (chatId: string) =>
  chatId.startsWith('user:') ? chatId.slice('user:'.length) : undefined;
