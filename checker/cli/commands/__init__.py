"""One module per sub-command; each is a thin layer over the engine, the renderers and the writers."""
