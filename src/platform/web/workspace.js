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

// Reordering by dragging: a list with data-reorder="<id of its order field>" lets its items be dragged, then
// sends the new order with that field's form, and says so in its data-status region. The Move up and Move down
// buttons (plain forms) do the same by keyboard and without this script.
for (const list of document.querySelectorAll('ol[data-reorder]')) {
  const field = document.getElementById(list.getAttribute('data-reorder'));
  const status = document.getElementById(list.getAttribute('data-status'));
  if (!field?.form || !status) continue;
  const items = () => [...list.querySelectorAll(':scope > li[data-item-id]')];
  const say = (text) => {
    status.textContent = text;
  };
  /** The Move buttons at either end cannot move further: as the server draws them. */
  const refreshButtons = () => {
    const all = items();
    all.forEach((item, index) => {
      for (const form of item.querySelectorAll('form[action$="/move"]')) {
        const direction = form.querySelector('input[name="direction"]')?.value;
        const button = form.querySelector('button');
        if (button) button.disabled = direction === 'up' ? index === 0 : index === all.length - 1;
      }
    });
  };
  let dragged = null;
  let orderBefore = '';
  for (const item of items()) item.setAttribute('draggable', 'true');
  list.addEventListener('dragstart', (event) => {
    dragged = event.target.closest('li[data-item-id]');
    if (!dragged) return;
    orderBefore = items()
      .map((i) => i.dataset.itemId)
      .join(',');
    dragged.classList.add('dragging');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', dragged.dataset.label ?? '');
  });
  list.addEventListener('dragover', (event) => {
    if (!dragged) return;
    event.preventDefault();
    const over = event.target.closest?.('li[data-item-id]');
    if (!over || over === dragged) return;
    const box = over.getBoundingClientRect();
    list.insertBefore(dragged, event.clientY < box.top + box.height / 2 ? over : over.nextSibling);
  });
  list.addEventListener('drop', (event) => event.preventDefault());
  list.addEventListener('dragend', async () => {
    if (!dragged) return;
    const moved = dragged;
    dragged = null;
    moved.classList.remove('dragging');
    const all = items();
    const order = all.map((i) => i.dataset.itemId).join(',');
    if (order === orderBefore) return;
    field.value = order;
    refreshButtons();
    try {
      const response = await fetch(field.form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(field.form)),
        credentials: 'same-origin',
      });
      if (!response.ok || response.url.includes('changed-meanwhile')) throw new Error('not saved');
      say(`Saved: ${moved.dataset.label} is now number ${all.indexOf(moved) + 1} of ${all.length}.`);
    } catch {
      say('The new order was not saved: the page will reload to show the menu as it is.');
      setTimeout(() => window.location.reload(), 2500);
    }
  });
}
