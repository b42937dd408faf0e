"""geokg.graph: records -> RDF store, SPARQL, networkx, views, CLI."""
