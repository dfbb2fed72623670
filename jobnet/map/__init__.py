"""The map of Hesse: the Folium page, its data endpoints, and the map assets served locally."""
