/* Supplier -> recipient links as a force-directed graph; an actor opens its page, a link its pair. */
(function () {
  "use strict";
  var data = Explore.data("network-data");
  var el = document.getElementById("network-chart");
  if (!data || !el || !window.echarts) return;
  var maxLink = Math.max.apply(null, data.links.map(function (l) { return l.transfers + l.statements; }).concat([1]));
  var maxNode = Math.max.apply(null, data.nodes.map(function (n) { return n.supplied + n.received; }).concat([1]));
  var nodes = data.nodes.map(function (n) {
    var total = n.supplied + n.received;
    return {
      id: n.code, name: n.code, url: n.url, node: n,
      symbolSize: 8 + 40 * Math.sqrt(total / maxNode),
      // Mostly suppliers lean to one colour, mostly recipients to the other.
      itemStyle: { color: n.supplied >= n.received ? Explore.statusColor("contracted") : Explore.statusColor("suspended") }
    };
  });
  var links = data.links.map(function (l) {
    var total = l.transfers + l.statements;
    return { source: l.supplier, target: l.recipient, url: l.url, link: l,
             lineStyle: { width: 1 + 6 * Math.log1p(total) / Math.log1p(maxLink) } };
  });
  var chart = Explore.init(el);
  chart.setOption({
    animation: false,
    tooltip: {
      formatter: function (p) {
        if (p.dataType === "edge") {
          var l = p.data.link;
          return Explore.esc(l.supplier + " → " + l.recipient) + "<br>" + l.transfers + " transfers, " + l.statements + " statements";
        }
        var n = p.data.node;
        return "<b>" + Explore.esc(n.name) + "</b><br>supplied " + n.supplied + ", received " + n.received;
      }
    },
    series: [{
      type: "graph", layout: "force", roam: true, draggable: true, data: nodes, links: links,
      edgeSymbol: ["none", "arrow"], edgeSymbolSize: 8,
      label: { show: true, position: "right" },
      force: { repulsion: 220, edgeLength: [60, 180], gravity: 0.08, layoutAnimation: false },
      lineStyle: { color: "source", opacity: 0.55, curveness: 0.15 },
      emphasis: { focus: "adjacency" }
    }]
  });
  chart.on("click", function (p) { if (p.data && p.data.url) window.location.assign(p.data.url); });
  el.dataset.ready = "true";
})();
