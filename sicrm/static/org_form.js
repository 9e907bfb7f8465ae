// Live duplicate warning on the organisation form: asks the server as the user types.
(function () {
  const box = document.getElementById('live-duplicates');
  const name = document.getElementById('name');
  const code = document.getElementById('credit_code');
  if (!box || !name) return;
  let timer = null;
  function check() {
    const params = new URLSearchParams({ name: name.value, credit_code: code ? code.value : '' });
    if (box.dataset.exclude) params.set('exclude', box.dataset.exclude);
    if (name.value.trim().length < 2 && !(code && code.value.trim())) { box.classList.add('d-none'); return; }
    fetch(box.dataset.url + '?' + params.toString(), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : { duplicates: [] }; })
      .then(function (data) {
        const list = box.querySelector('ul');
        list.replaceChildren();
        data.duplicates.forEach(function (d) {
          const li = document.createElement('li');
          const a = document.createElement('a');
          a.href = d.url; a.textContent = d.name; a.target = '_blank'; a.rel = 'noopener';
          li.appendChild(a);
          if (d.credit_code) li.append(' · ' + d.credit_code);
          list.appendChild(li);
        });
        box.classList.toggle('d-none', data.duplicates.length === 0);
      });
  }
  function later() { clearTimeout(timer); timer = setTimeout(check, 350); }
  name.addEventListener('input', later);
  if (code) code.addEventListener('input', later);
})();
