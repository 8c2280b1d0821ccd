// Small enhancements for the staff workspace. Every page works without this file.
// Served from this site as /assets/workspace.<hash>.js; no inline script anywhere (CSP).

// Live counts: a table with data-progress="<json url>" updates its <output data-count="key">
// cells every two seconds while the thing it watches is still moving.
for (const table of document.querySelectorAll('[data-progress]')) {
  const url = table.getAttribute('data-progress');
  const format = new Intl.NumberFormat('en-US');
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) return;
      const data = await response.json();
      for (const cell of table.querySelectorAll('output[data-count]')) {
        const value = data[cell.getAttribute('data-count')];
        if (typeof value === 'number') {
          const text = format.format(value);
          if (cell.textContent !== text) cell.textContent = text;
        }
      }
      if (data.status !== 'sending' && data.status !== 'scheduled') stopped = true;
    } catch {
      // A failed refresh leaves the last counts; the next tick tries again.
    }
  };
  setInterval(tick, 2000);
}
