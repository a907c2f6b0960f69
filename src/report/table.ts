/** A sortable HTML table (click a header; numeric columns sort by value with missing last). */
import type { TableCell, TableSection } from './types.js';
import { escapeHtml } from './escape.js';

function defaultFormat(_key: string, value: TableCell): string {
  if (value === null) return 'missing';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.round(value * 1000) / 1000) : 'missing';
  return value;
}

export function tableHtml(section: TableSection): string {
  const format = section.format ?? defaultFormat;
  const head = section.columns
    .map((c, i) => {
      const unit = c.unit ? `<span class="unit">${escapeHtml(c.unit)}</span>` : '';
      return `<th data-col="${i}" data-numeric="${c.numeric ? '1' : '0'}" aria-sort="none"><button type="button">${escapeHtml(c.label)}</button>${unit}</th>`;
    })
    .join('');
  const body = section.rows
    .map((row) => {
      const cells = section.columns.map((c) => {
        const value = row[c.key] ?? null;
        const missing = value === null || (typeof value === 'number' && !Number.isFinite(value));
        const sortValue = missing ? '' : String(value);
        const cls = [c.numeric ? 'num' : '', missing ? 'missing' : ''].filter(Boolean).join(' ');
        return `<td${cls ? ` class="${cls}"` : ''} data-v="${escapeHtml(sortValue)}">${escapeHtml(format(c.key, value))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const empty = section.rows.length === 0 ? `<tr><td colspan="${Math.max(1, section.columns.length)}" class="missing">No rows.</td></tr>` : '';
  const id = escapeHtml(section.id);
  const search = section.searchable
    ? `<div class="table-search"><label>Search <input type="search" data-table="table-${id}" placeholder="language, code, script …" aria-label="Search the table"></label> <span class="note" data-count-for="table-${id}">${section.rows.length} rows</span></div>`
    : '';
  return `${search}<div class="table-wrap"><table class="sortable" id="table-${id}"><thead><tr>${head}</tr></thead><tbody>${body}${empty}</tbody></table></div>`;
}

/** Browser code that makes every `table.sortable` sortable; missing values always sort last. */
export const TABLE_SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th) {
    th.querySelector('button').addEventListener('click', function () {
      var col = Number(th.dataset.col), numeric = th.dataset.numeric === '1';
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach(function (o) { o.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
        if (x === '' || y === '') return x === y ? 0 : (x === '' ? 1 : -1);
        var d = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return asc ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
document.querySelectorAll('input[data-table]').forEach(function (input) {
  var table = document.getElementById(input.dataset.table);
  var count = document.querySelector('[data-count-for="' + input.dataset.table + '"]');
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  input.addEventListener('input', function () {
    var q = input.value.trim().toLowerCase(), shown = 0;
    rows.forEach(function (r) {
      var hit = q === '' || r.textContent.toLowerCase().indexOf(q) >= 0;
      r.hidden = !hit;
      if (hit) shown++;
    });
    count.textContent = (q === '' ? '' : shown + ' of ') + rows.length + ' rows';
  });
});
`;
