/* An actor's supplies and receipts per year. */
(function () {
  "use strict";
  var data = Explore.data("actor-data");
  if (!data || !window.echarts) return;
  ["supplied", "received"].forEach(function (side) {
    var el = document.getElementById(side + "-chart");
    if (el) { Explore.yearChart(el, data[side], data.statuses); el.dataset.ready = "true"; }
  });
})();
