"""`brief eval` and `brief attribute`: metrics, baselines, reports."""
