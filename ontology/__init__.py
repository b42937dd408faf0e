"""geokg.ontology: vocabulary (Turtle), SHACL shapes and event-type schemes."""
