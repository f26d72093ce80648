/* Small map of one place on its page: Leaflet, one marker, reachable with the keyboard (the map
   container takes the focus; arrows pan, +/- zoom). Built on <div id="place-location-map" data-…>
   (strict CSP: no inline script). Without JavaScript the address printed beside it stays. */
(function () {
  "use strict";
  var el = document.getElementById("place-location-map");
  if (!el || typeof L === "undefined") { return; }
  var d = el.dataset;
  var point = [parseFloat(d.lat), parseFloat(d.lon)];
  var map = L.map(el, { center: point, zoom: 15, scrollWheelZoom: false, keyboard: true });
  L.tileLayer(d.tileUrl, { attribution: d.tileAttribution, maxZoom: 19 }).addTo(map);
  L.marker(point, { title: d.name, alt: d.name, keyboard: true }).addTo(map).bindPopup(d.address);
  el.setAttribute("tabindex", "0");
  el.classList.add("is-ready");
})();
