/* The supplier x recipient heatmap; a cell opens its pair's page. */
(function () {
  "use strict";
  var data = Explore.data("matrix-data");
  var el = document.getElementById("matrix-chart");
  if (!data || !el || !window.echarts) return;
  var xs = data.recipients, ys = data.suppliers;
  var xi = {}, yi = {};
  xs.forEach(function (c, i) { xi[c] = i; });
  ys.forEach(function (c, i) { yi[c] = i; });
  var max = 1;
  // Counts are heavily skewed (a few pairs hold most records): colour by log, label by count.
  var cells = data.cells.map(function (c) {
    var total = c.transfers + c.statements;
    max = Math.max(max, total);
    return { value: [xi[c.recipient], yi[c.supplier], Math.log1p(total), total], url: c.url, cell: c };
  });
  el.style.height = Math.max(360, ys.length * 24 + 150) + "px";
  var chart = Explore.init(el);
  chart.setOption({
    animation: false,
    tooltip: {
      formatter: function (p) {
        var c = p.data.cell;
        return "<b>" + Explore.esc(data.names[c.supplier]) + " → " + Explore.esc(data.names[c.recipient]) + "</b><br>" +
          c.transfers + " transfer" + (c.transfers === 1 ? "" : "s") +
          (data.statements_counted ? ", " + c.statements + " statement" + (c.statements === 1 ? "" : "s") : "");
      }
    },
    grid: { left: 70, right: 30, top: 90, bottom: 70 },
    xAxis: { type: "category", data: xs, position: "top", name: "Recipient", nameLocation: "start",
             axisLabel: { interval: 0, rotate: xs.length > 20 ? 60 : 0 }, splitArea: { show: true } },
    yAxis: { type: "category", data: ys, inverse: true, name: "Supplier", axisLabel: { interval: 0 },
             splitArea: { show: true } },
    visualMap: { type: "continuous", dimension: 2, min: 0, max: Math.log1p(max), calculable: false,
                 orient: "horizontal", left: "center", bottom: 5, itemHeight: 240,
                 text: [String(max), "1"], inRange: { color: [Explore.cssColor("--heat-low"), Explore.cssColor("--heat-high")] } },
    series: [{
      type: "heatmap", data: cells,
      label: { show: xs.length <= 40, formatter: function (p) { return p.value[3]; }, fontSize: 10 },
      emphasis: { itemStyle: { borderColor: "#000", borderWidth: 1 } },
      cursor: "pointer"
    }]
  });
  chart.on("click", function (p) { if (p.data && p.data.url) window.location.assign(p.data.url); });
  el.dataset.ready = "true";
})();
