/* A pair's timeline (transfers by status, statements as diamonds) with evidence on hover and click,
 * and its records per year. */
(function () {
  "use strict";
  var data = Explore.data("timeline-data");
  if (!data || !window.echarts) return;
  var rows = ["statement"].concat(data.statuses);
  var HALF_YEAR = 182 * 24 * 3600 * 1000;
  var dated = data.items.filter(function (i) { return i.date; });

  function describe(item) {
    if (item.kind === "transfer") {
      return "Transfer, " + item.status + (item.weapons.length ? " (" + item.weapons.join(", ") + ")" : "");
    }
    return (item.direct_quote ? "Quote" : "Statement") + " by " + item.speaker + (item.title ? ", " + item.title : "");
  }

  // The evidence and the article of an item, from its row in the tables below the chart
  // (written once in the page, read here).
  function record(item) {
    var row = document.getElementById(item.kind + "-" + item.id);
    var cells = row.getElementsByTagName("td");
    var article = cells[cells.length - 1];
    return { evidence: row.querySelector(".evidence").textContent,
             url: article.querySelector("a").getAttribute("href"), article: article.textContent };
  }

  function showEvidence(item) {
    var panel = document.getElementById("evidence");
    var found = record(item);
    document.getElementById("evidence-heading").textContent = item.date + " · " + describe(item);
    document.getElementById("evidence-text").textContent = found.evidence;
    var link = document.getElementById("evidence-link");
    link.href = found.url;
    link.textContent = found.article;
    panel.style.borderLeftColor = item.kind === "transfer" ? Explore.statusColor(item.status) : Explore.cssColor("--statement");
    panel.hidden = false;
  }

  var el = document.getElementById("timeline-chart");
  if (el) {
    var series = data.statuses.map(function (s) {
      return {
        name: s, type: "scatter", symbolSize: 14, itemStyle: { color: Explore.statusColor(s), opacity: 0.85 },
        data: dated.filter(function (i) { return i.kind === "transfer" && i.status === s; })
          .map(function (i) { return { value: [i.date, s], item: i }; })
      };
    });
    series.push({
      name: "statements", type: "scatter", symbol: "diamond", symbolSize: 14,
      itemStyle: { color: Explore.cssColor("--statement"), opacity: 0.8 },
      data: dated.filter(function (i) { return i.kind === "statement"; })
        .map(function (i) { return { value: [i.date, "statement"], item: i }; })
    });
    var chart = Explore.init(el);
    chart.setOption({
      animation: false,
      legend: { top: 0, type: "scroll" },
      tooltip: {
        trigger: "item", confine: true, extraCssText: "max-width: 480px; white-space: normal;",
        formatter: function (p) {
          var i = p.data.item, found = record(i);
          return "<b>" + Explore.esc(i.date + " · " + describe(i)) + "</b><br>“" + Explore.esc(Explore.clip(found.evidence, 320)) +
            "”<br><i>" + Explore.esc(found.article) + "</i>";
        }
      },
      grid: { left: 100, right: 30, top: 40, bottom: 70 },
      // Half a year either side, so that a pair seen on one day still gets a readable axis.
      xAxis: { type: "time", min: function (v) { return v.min - HALF_YEAR; }, max: function (v) { return v.max + HALF_YEAR; } },
      yAxis: { type: "category", data: rows, axisLabel: { interval: 0 } },
      dataZoom: [{ type: "inside", xAxisIndex: 0 }, { type: "slider", xAxisIndex: 0, bottom: 10 }],
      series: series
    });
    chart.on("click", function (p) { if (p.data && p.data.item) showEvidence(p.data.item); });
    el.dataset.ready = "true";
  }

  var years = document.getElementById("years-chart");
  if (years) Explore.yearChart(years, data.years, data.statuses);
})();
