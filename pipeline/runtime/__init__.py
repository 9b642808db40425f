"""Running the stages: the one orchestrator (run), the up-to-date manifest, atomic publish and
its lock, incident layout, watch, and executors (serial, Ray)."""
