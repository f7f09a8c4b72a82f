// Filters the command list as you type: every word typed must occur in a row's data-search text
// (command, kind, category, summary and field names, lower case).
(function () {
  var input = document.getElementById('search');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#commands tbody tr'));
  var count = document.getElementById('count');
  var nothing = document.getElementById('nothing');
  function filter() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-search');
      var match = words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !match;
      if (match) { shown++; }
    });
    count.textContent = shown + ' of ' + rows.length + ' commands';
    nothing.hidden = shown > 0;
  }
  input.addEventListener('input', filter);
  filter();
})();
