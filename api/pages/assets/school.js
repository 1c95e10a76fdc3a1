// Progressive enhancement for the application form: says, as the school types, whether the
// participant list meets the rule (at least 4 people, at least 1 school leader). The server checks
// the same rule on submit; without this script nothing is lost.
(function () {
  'use strict';
  var status = document.getElementById('deelnemers-status');
  var list = document.getElementById('participants');
  if (!status || !list) return;

  function check() {
    var rows = list.querySelectorAll('[data-participant-row]');
    var people = 0;
    var leaders = 0;
    rows.forEach(function (row) {
      var name = row.querySelector('[name$="[name]"]');
      var role = row.querySelector('[name$="[role]"]');
      if (name && name.value.trim().length >= 2) {
        people += 1;
        if (role && role.value === 'school_leader') leaders += 1;
      }
    });
    var parts = [people + (people === 1 ? ' deelnemer' : ' deelnemers') + ' ingevuld, minstens ' + (status.getAttribute('data-minimum') || '4') + ' nodig.'];
    parts.push(leaders > 0 ? 'Er is een schoolleider bij.' : 'Er is nog geen schoolleider bij.');
    status.textContent = parts.join(' ');
  }

  list.addEventListener('input', check);
  list.addEventListener('change', check);
  check();
})();
