/* Interactive project map (progressive enhancement of the server-rendered SVG map).
   Leaflet draws the Länder outlines and the projects without any tile server. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("project-map");
    if (!element || !window.L || !L.markerClusterGroup) { return; }
    element.hidden = false;
    var fallback = document.querySelector(".static-map");
    if (fallback) { fallback.hidden = true; }
    var map = L.map(element, { minZoom: 5, maxZoom: 13 }).setView([51.2, 10.4], 6);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("© GeoBasis-DE / BKG 2021 (Daten verändert)");
    fetch(element.dataset.outlines).then(function (response) { return response.json(); }).then(function (data) {
      L.geoJSON(data, { interactive: false, style: { color: "#5c6a9a", weight: 1, fillColor: "#e9ebf1", fillOpacity: 1 } })
        .addTo(map).bringToBack();
    });
    fetch(element.dataset.geojson).then(function (response) { return response.json(); }).then(function (data) {
      var cluster = L.markerClusterGroup({ showCoverageOnHover: false });
      L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, { radius: 7, color: "#ffffff", weight: 2, fillColor: "#1A3DA5", fillOpacity: 1 });
        },
        onEachFeature: function (feature, layer) {
          var box = document.createElement("div");
          var link = document.createElement("a");
          link.href = feature.properties.url;
          link.textContent = feature.properties.titel;
          box.appendChild(link);
          box.appendChild(document.createTextNode(" – " + feature.properties.kommune + " (" + feature.properties.status + ")"));
          layer.bindPopup(box);
        }
      }).addTo(cluster);
      map.addLayer(cluster);
      if (data.features.length) { map.fitBounds(cluster.getBounds(), { maxZoom: 10, padding: [20, 20] }); }
    });
  });
})();
