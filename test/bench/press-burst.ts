// Presses spread evenly over a window, as a crowd answering one question at once.

/** Calls `press(i)` for i in 0..count-1, the i-th at windowMs × i / count after the start. */
export async function spreadOver<T>(
  count: number,
  windowMs: number,
  press: (index: number) => T,
): Promise<T[]> {
  const pressed: T[] = [];
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const wait = started + (index / count) * windowMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pressed.push(press(index));
  }
  return pressed;
}
