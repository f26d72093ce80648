/* Map of the Tiers-Lieux: Leaflet + marker clustering, data for the current view (bbox) from the
   places GeoJSON endpoint with the directory's filters, clustered by the server when many. Built on <div id="place-map" data-…> (strict CSP: no inline script). */
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

  var cells = L.layerGroup().addTo(map);

  // Beyond a threshold the server sends counts per grid cell instead of the places of the view.
  function cellMarker(feature, latlng) {
    var n = feature.properties.count;
    var size = n < 100 ? "small" : n < 1000 ? "medium" : "large";
    var icon = L.divIcon({
      html: "<div><span>" + String(n) + "</span></div>",
      className: "marker-cluster marker-cluster-" + size + " server-cluster",
      iconSize: [40, 40]
    });
    return L.marker(latlng, { icon: icon, title: String(n), alt: String(n) })
      .on("click", function () { map.setView(latlng, map.getZoom() + 2); });
  }

  var pending = null;
  function load() {
    var query = params();
    if (listLink) { listLink.href = d.listUrl + (query.toString() ? "?" + query.toString() : ""); }
    var b = map.getBounds();
    query.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(4); }).join(","));
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(d.placesUrl + "?" + query.toString(), { signal: pending.signal, headers: { Accept: "application/geo+json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) {
        markers.clearLayers(); cells.clearLayers();
        if (data.clustered) {
          L.geoJSON(data, { pointToLayer: cellMarker }).addTo(cells);
        } else {
          markers.addLayer(L.geoJSON(data, {
            pointToLayer: function (feature, latlng) {
              return L.marker(latlng, { title: feature.properties.name, alt: feature.properties.name }).bindPopup(popup(feature.properties));
            }
          }));
        }
        status.textContent = d.labelCount.replace("%(n)s", String(data.total));
        el.dataset.featureCount = String(data.total);
        el.dataset.loaded = "true";
      })
      .catch(function (err) { if (err.name !== "AbortError") { status.textContent = d.labelError; } });
  }

  var timer = null;
  map.on("moveend", function () { clearTimeout(timer); timer = setTimeout(load, 250); });

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      history.replaceState(null, "", "?" + params().toString());
      load();
    });
  }
  load();
})();
