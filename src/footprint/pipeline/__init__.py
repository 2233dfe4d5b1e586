"""The pipeline: parameters, scenarios, execution with papermill, the cache, the brief and index, the command line."""
