// What every lesson page runs up front for predict-then-reveal, kept to a few lines because the page's budget is
// 40 KB gzip of JavaScript before interaction: show the prediction forms PredictOutput.astro rendered hidden (they
// need this script), and load the comparison (actions.ts) when a learner first presses one of their buttons.
const actions = () => import('./actions.ts');

for (const form of document.querySelectorAll<HTMLElement>('.ct-predict [data-predict-form]')) form.hidden = false;

document.addEventListener('click', (e) => {
  const button = (e.target as Element).closest?.<HTMLButtonElement>('.ct-predict button[data-predict]');
  if (button) void actions().then((a) => a.press(button));
});

// Alt+Up / Alt+Down in a prediction move a line; the default is stopped now, the line moves once the code is in.
document.addEventListener('keydown', (e) => {
  const input = e.target as HTMLTextAreaElement;
  if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || !input.matches?.('.ct-predict textarea')) return;
  e.preventDefault();
  void actions().then((a) => a.move(input, e.key === 'ArrowUp' ? -1 : 1));
});
