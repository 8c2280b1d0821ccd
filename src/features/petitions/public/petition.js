// Small enhancements for petition pages and the embed. Every page works without this file: the count is
// rendered by the server (at most about two seconds old) and the share link can be selected and copied by hand.
// Served from this site as /assets/petition.<hash>.js; no inline script anywhere (CSP).

// The same formats as the server's (platform/web/components.tsx): "10.000" in Spanish.
const language = document.documentElement.lang === 'es' ? 'es-ES' : 'en-US';
const format = new Intl.NumberFormat(language);

// The live count: [data-count-url] holds a <span data-count> and a <progress>; both follow count.json.
for (const box of document.querySelectorAll('[data-count-url]')) {
  const url = box.getAttribute('data-count-url');
  const number = box.querySelector('[data-count]');
  const bar = box.querySelector('progress');
  const refresh = async () => {
    // A hidden tab asks for nothing; it catches up when it is shown again.
    if (document.visibilityState !== 'visible') return;
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'omit' });
      if (!response.ok) return;
      const data = await response.json();
      if (typeof data.count !== 'number') return;
      const text = format.format(data.count);
      if (number && number.textContent !== text) number.textContent = text;
      if (bar) bar.value = Math.min(data.count, Number(bar.max));
    } catch {
      // A failed refresh leaves the last count; the next one tries again.
    }
  };
  setInterval(refresh, 5000);
  document.addEventListener('visibilitychange', refresh);
}

// Copy link: the button is hidden until this script can make it work.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const field = document.getElementById(button.getAttribute('data-copy'));
  const status = document.getElementById(button.getAttribute('data-copy-status'));
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = button.getAttribute('data-copied');
    } catch {
      field.select();
      if (status) status.textContent = button.getAttribute('data-failed');
    }
  });
}
