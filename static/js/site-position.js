// Site form: a small latitude/longitude picker on Leaflet (django-leaflet's form widget needs
// GDAL). Clicking the map or dragging the pin fills the latitude and longitude inputs; typing in
// them moves the pin; "place at the commune" empties them. No inline script (strict CSP).
(function () {
  "use strict";

  function number(value) {
    const n = parseFloat(String(value || "").replace(",", "."));
    return Number.isFinite(n) ? n : null;
  }

  function setup(el) {
    if (typeof L === "undefined") return;
    const latInput = document.querySelector("[data-site-lat]");
    const lonInput = document.querySelector("[data-site-lon]");
    if (!latInput || !lonInput) return;
    const lat = number(latInput.value);
    const lon = number(lonInput.value);
    const centreLat = number(el.dataset.centreLat);
    const centreLon = number(el.dataset.centreLon);
    const start = lat !== null && lon !== null ? [lat, lon] : centreLat !== null ? [centreLat, centreLon] : [44.6, 7.0];
    const map = L.map(el).setView(start, lat !== null || centreLat !== null ? 13 : 7);
    L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
    let pin = null;

    function place(pointLat, pointLon, fromInputs) {
      if (pointLat === null || pointLon === null) {
        if (pin) pin.remove();
        pin = null;
        return;
      }
      if (!pin) {
        pin = L.marker([pointLat, pointLon], { draggable: true, keyboard: true }).addTo(map);
        pin.on("dragend", function () {
          const p = pin.getLatLng();
          latInput.value = p.lat.toFixed(5);
          lonInput.value = p.lng.toFixed(5);
        });
      } else {
        pin.setLatLng([pointLat, pointLon]);
      }
      if (!fromInputs) {
        latInput.value = pointLat.toFixed(5);
        lonInput.value = pointLon.toFixed(5);
      }
    }

    place(lat, lon, true);
    map.on("click", function (event) {
      place(event.latlng.lat, event.latlng.lng, false);
    });
    [latInput, lonInput].forEach(function (input) {
      input.addEventListener("input", function () {
        place(number(latInput.value), number(lonInput.value), true);
      });
    });
    const clear = document.querySelector("[data-site-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        latInput.value = "";
        lonInput.value = "";
        place(null, null, true);
      });
    }
  }

  document.querySelectorAll("[data-site-map]").forEach(setup);
})();
