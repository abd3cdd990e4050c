// Every kind of scheduled post, in the order /subscribe offers them. A new kind is its file and a line here.
import dailyBrief from './daily-brief.ts';
import { PostKinds } from './post-kind-list.ts';
import quizOfTheDay from './quiz-of-the-day.ts';
import reviewReminder from './review-reminder.ts';
import weeklyRecap from './weekly-recap.ts';

export const postKinds = new PostKinds([dailyBrief, weeklyRecap, quizOfTheDay, reviewReminder]);
