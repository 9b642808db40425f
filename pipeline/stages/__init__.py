"""The stages of the brief, one module per stage, in pipeline order (pipeline.runtime.run chains them).

Stages import only pipeline.types, pipeline.config, pipeline.inference and each other: never
runtime, eval or the CLI."""
