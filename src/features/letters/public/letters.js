// "Use my location": shown only where this script runs, and the browser is asked only when it is pressed.
// The coordinates go once to the server in the form's post, which finds the districts and keeps nothing.
(() => {
  var form = document.querySelector('form[data-locate]');
  if (!form || !('geolocation' in navigator)) return;
  var section = form.closest('[hidden]');
  if (section) section.hidden = false;
  var status = form.querySelector('[data-locate-status]');
  form.addEventListener('submit', (event) => {
    if (form.elements.lat.value !== '') return;
    event.preventDefault();
    navigator.geolocation.getCurrentPosition(
      (position) => {
        form.elements.lat.value = String(position.coords.latitude);
        form.elements.lon.value = String(position.coords.longitude);
        form.submit();
      },
      () => {
        if (status) status.textContent = form.getAttribute('data-locate-failed') || '';
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });
})();
