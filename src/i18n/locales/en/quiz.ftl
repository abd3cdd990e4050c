## Quiz rounds: questions, answers, closes and summaries.

quiz-all-finished = You have answered every question of every article, so here is the newest one again.
