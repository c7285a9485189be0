/* Shared by the explore pages' charts: the page's data, colours, and one way to draw a chart.
 * Data comes from a <script type="application/json"> element written by json_script;
 * nothing here runs inline, so a Content-Security-Policy may forbid inline scripts. */
(function () {
  "use strict";
  var root = getComputedStyle(document.documentElement);
  function cssColor(name) { return root.getPropertyValue(name).trim(); }

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function statusColor(status) { return cssColor("--status-" + status) || "#888"; }

  // Evidence is article text: escaped before any tooltip shows it as HTML.
  function esc(text) { return window.echarts.format.encodeHTML(text == null ? "" : String(text)); }

  function clip(text, n) { text = text || ""; return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  function init(el) {
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  // Stacked bars of transfers by status per year, with the statements as a line.
  function yearChart(el, years, statuses) {
    var chart = init(el);
    var labels = years.map(function (y) { return y.year === null ? "no date" : String(y.year); });
    var series = statuses.map(function (s) {
      return { name: s, type: "bar", stack: "transfers", itemStyle: { color: statusColor(s) },
               data: years.map(function (y) { return y[s]; }) };
    });
    series.push({ name: "statements", type: "line", symbol: "diamond", symbolSize: 9,
                  itemStyle: { color: cssColor("--statement") },
                  data: years.map(function (y) { return y.statements; }) });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: labels },
      yAxis: { type: "value", minInterval: 1 },
      series: series
    });
    return chart;
  }

  window.Explore = { data: data, statusColor: statusColor, cssColor: cssColor, esc: esc, clip: clip,
                     init: init, yearChart: yearChart };
})();
