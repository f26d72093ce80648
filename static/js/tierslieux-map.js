/* Map of the Tiers-Lieux: Leaflet + marker clustering, data from the places GeoJSON endpoint
   with the directory's filters. Built on <div id="place-map" data-…> (strict CSP: no inline script). */
(function () {
  "use strict";
  var el = document.getElementById("place-map");
  if (!el || typeof L === "undefined") { return; }
  var d = el.dataset;
  var form = document.getElementById("place-filters");
  var status = document.getElementById("map-status");
  var listLink = document.getElementById("map-list-link");
  var map = L.map(el, { center: [parseFloat(d.centerLat), parseFloat(d.centerLon)], zoom: parseInt(d.zoom, 10) });
  L.tileLayer(d.tileUrl, { attribution: d.tileAttribution, maxZoom: 19 }).addTo(map);
  var markers = typeof L.markerClusterGroup === "function" ? L.markerClusterGroup({ maxClusterRadius: 50 }) : L.layerGroup();
  markers.addTo(map);

  function popup(p) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = p.url; link.textContent = p.name; link.className = "fw-semibold";
    box.appendChild(link);
    var where = document.createElement("div");
    where.textContent = p.commune + " (" + p.country + ")";
    box.appendChild(where);
    var kinds = document.createElement("div");
    kinds.className = "small"; kinds.textContent = p.kinds.join(", ");
    box.appendChild(kinds);
    return box;
  }

  function params() {
    var query = new URLSearchParams();
    if (form) {
      new FormData(form).forEach(function (value, key) {
        if (value && key !== "csrfmiddlewaretoken") { query.append(key, value); }
      });
    }
    return query;
  }

  function load() {
    var query = params();
    if (listLink) { listLink.href = d.listUrl + (query.toString() ? "?" + query.toString() : ""); }
    fetch(d.placesUrl + "?" + query.toString(), { headers: { Accept: "application/geo+json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) {
        markers.clearLayers();
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return L.marker(latlng, { title: feature.properties.name, alt: feature.properties.name }).bindPopup(popup(feature.properties));
          }
        });
        markers.addLayer(layer);
        if (data.features.length) { map.fitBounds(layer.getBounds(), { maxZoom: 12, padding: [20, 20] }); }
        status.textContent = d.labelCount.replace("%(n)s", String(data.features.length));
      })
      .catch(function () { status.textContent = d.labelError; });
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      history.replaceState(null, "", "?" + params().toString());
      load();
    });
  }
  load();
})();
