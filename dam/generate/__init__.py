"""Generations: the queue's worker, the pluggable generator backends and how results come back into the Library.

A request is made through dam/services/generation.py (`request`), waits in the generation_requests table, and is
run by dam/generate/worker.py (`run_next`, `run_pending`, `start_background`) on a Backend (dam/generate/backend.py).
The shipped backend speaks a small JSON protocol to a self-hosted server at DAM_GENERATOR_URL
(dam/generate/http.py documents it). Results are ingested as Generated drafts with their lineage
(dam/generate/results.py). Without DAM_GENERATOR_URL no generator is configured: requests are refused with a
message that says so, and `generator_status` tells the pages.
"""
