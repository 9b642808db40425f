"""`brief run ROOT --ray`: the incidents of a batch as Ray tasks, on workers that load the models once.

Ray is the engine. One actor per worker (`BriefWorker`, one CPU each) holds a warmed Pipeline,
and `ray.util.ActorPool` hands each actor the next incident as soon as it is free. The driver
(the `brief run` process) keeps what must happen in one place:

- the up-to-date check and OUT's lock (`pipeline.cli._claim`) come before Ray is even imported,
  so an unchanged batch answers as fast as without `--ray`;
- each incident's manifest snapshot is taken by the driver before a worker reads the articles,
  with the driver's code fingerprint; on a cluster, a worker whose code or libraries differ from
  the driver's (it would build other briefs) is left out at start-up;
- publication: a worker returns the Brief and its run record, and the driver writes them with
  `run.write_outputs` -> `publish.publish` under the lock it holds. A worker process could not
  take that flock while the driver holds it, and flock between machines (NFS) is not to be
  trusted. So every worker must read the incident folders at the driver's (absolute) paths, e.g.
  on a shared filesystem, while OUT only has to be writable by the driver.

Ray is imported only inside `run_batch`. `Outcome` and `attempt` are what both the serial path
and this one report per incident (`pipeline.cli`); the serial path uses them and never imports Ray.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from ray.actor import ActorHandle

    from ..config import Config
    from ..types import Brief, SourceFile
    from .manifest import Snapshot
    from .run import Pipeline

INSTALL_HINT = "install the ray extra: pip install -e '.[ray]'"


@dataclass(frozen=True)
class Outcome:
    """What became of one incident, as plain data that pickles (a worker's exception may not:
    StageError's constructor takes two arguments, and its traceback stays in the worker)."""

    name: str  # the incident folder's name
    kind: str = "built"  # "built"; "no-articles" (usage error); "stage" (a stage failed); "error"
    message: str = ""
    trace: str = ""  # traceback of a failed stage, shown with --verbose
    files: tuple[SourceFile, ...] = ()
    sentences: int = 0
    target: Path | None = None  # OUT/<incident>, once published

    @property
    def failed(self) -> bool:
        return self.kind != "built"


def attempt(name: str, call: Callable[[], tuple[Brief, Path | None]]) -> Outcome:
    """Run `call` (it builds an incident, and publishes it when it returns a target) and say what
    became of it. Never raises for the incident's own failure: one incident must not stop a batch."""
    from .run import NoArticles, StageError

    try:
        brief, target = call()
    except NoArticles as e:
        return Outcome(name, "no-articles", str(e), files=tuple(getattr(e, "files", ())))
    except StageError as e:
        return Outcome(name, "stage", str(e), trace="".join(traceback.format_exception(e)))
    except Exception as e:  # e.g. the output folder is not writable
        return Outcome(name, "error", f"{type(e).__name__}: {e}")
    return Outcome(name, files=brief.files, sentences=len(brief.sentences), target=target)


class RayBatchError(RuntimeError):
    """Ray could not start or join, or no worker could load the models: a usage error (exit 2)."""


class BriefWorker:
    """A Ray actor: one warmed Pipeline that builds the incidents it is handed, and never publishes."""

    def __init__(self, config: Config) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a cluster node must not download either
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        from .manifest import code_fingerprint

        self.code = code_fingerprint()  # of the code this worker imports now
        self.built = 0
        self.pipeline: Pipeline | None = None  # None when `error` says why
        self.error: tuple[bool, str] | None = None  # (a usage error, message)
        try:
            from .run import Pipeline

            pipeline = Pipeline.from_config(config)
            pipeline.warm_up()
            self.pipeline = pipeline
        except Exception as e:
            from ..inference.models import ModelNotFound

            usage = isinstance(e, ModelNotFound)
            self.error = (usage, str(e) if usage else f"{type(e).__name__}: {e}")

    def ready(self) -> dict:
        """Whether the models loaded, and the code this worker runs (it must be the driver's)."""
        return {"error": self.error, "code": self.code, "node": _node(), "pid": os.getpid()}

    def build(self, folder: str, given: str) -> tuple[str, Outcome, tuple[Brief, dict] | None]:
        """Build the incident at the absolute path `folder` (`given`: the path as the user gave it);
        the Brief and run record come back for the driver to publish."""
        from ..stages.ingest import printable
        from .run import build_incident

        path = Path(folder)
        name = Path(given).name
        if not path.is_dir():
            return (
                folder,
                Outcome(
                    name,
                    "error",
                    f"{given}: not found on Ray node {_node()}; every worker "
                    "must read the incident folders at the same path (a shared filesystem)",
                ),
                None,
            )
        built: list[tuple[Brief, dict]] = []

        def build() -> tuple[Brief, None]:  # run.run_incident, less the snapshot and the write
            # The driver hands work only to workers whose ready() reported no error (_check_worker).
            assert self.pipeline is not None, "a worker whose models did not load was handed an incident"
            brief, record = build_incident(path, self.pipeline, shown=Path(given))
            # The name the serial run gives it ("." names no folder; its absolute path does).
            brief = replace(brief, incident=printable(name))
            built.append((brief, {**record, "incident": brief.incident}))
            return brief, None

        outcome = attempt(name, build)
        self.built += 1
        return folder, replace(outcome, message=outcome.message.replace(folder, given)), (built[0] if built else None)

    def stats(self) -> dict:
        import resource

        return {
            "node": _node(),
            "pid": os.getpid(),
            "incidents": self.built,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }


def _node() -> str:
    import ray

    return ray.util.get_node_ip_address()


def _import_ray(local: bool):
    # Before the first import: ray reads these when its modules load.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no usage report to the network
    if local:
        # A run's own Ray binds 127.0.0.1 only, not the machine's public interface (Linux picks
        # the address that routes outwards otherwise).
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    try:
        import ray
    except ImportError:
        raise RayBatchError(INSTALL_HINT) from None
    return ray


def _connect(ray, address: str | None, workers: int | None, verbose: bool) -> int:
    """Start a local Ray for this run (address None), or join a cluster; the number of workers.
    Ray's own log lines and the workers' prints reach stderr only with --verbose (cron mails stderr)."""
    import logging as log

    logs = {"log_to_driver": verbose, "logging_level": log.INFO if verbose else log.ERROR}
    try:
        if address is None:
            workers = workers or len(os.sched_getaffinity(0))
            ray.init(address="local", num_cpus=workers, include_dashboard=False, **logs)
        else:
            _reachable(address)
            ray.init(address=address, **logs)
            workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    except RayBatchError:
        raise
    except Exception as e:
        where = "start a local Ray" if address is None else f"join the Ray cluster at {address}"
        raise RayBatchError(f"cannot {where}: {type(e).__name__}: {e}") from None
    return workers


def _reachable(address: str, timeout: float = 10.0) -> None:
    """Fail fast when nothing answers at `address`: ray.init retries an unreachable cluster for
    ever, and a scheduled run must not hang."""
    import socket

    hostport: str | None
    if address.startswith("ray://"):
        hostport = address[len("ray://") :].split("/")[0]
    else:
        from ray._private.services import canonicalize_bootstrap_address  # "auto" -> the address `ray start` left

        try:
            hostport = canonicalize_bootstrap_address(address)
        except Exception as e:  # "auto" with no cluster started on this machine
            raise RayBatchError(
                f"no Ray cluster to join at {address!r} ({_gist(e)}); start one with "
                "`ray start --head`, or leave out --ray-address for a local Ray"
            ) from None
    host, _, port = (hostport or "").rpartition(":")
    try:
        family, kind, proto, _, where = socket.getaddrinfo(host.strip("[]"), int(port), type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.settimeout(timeout)
            probe.connect(where)
    except (OSError, ValueError) as e:
        raise RayBatchError(f"cannot reach the Ray cluster at {address} ({hostport}): {e}") from None


def _check_worker(info: dict, code: dict | None) -> None:
    """A worker that could not load the models, or (joining a cluster: `code` given) that runs
    other code or libraries than this driver, and would build other briefs, is no use."""
    if info["error"]:
        usage, message = info["error"]
        raise RayBatchError(message if usage else f"a Ray worker could not load the models: {message}")
    if code is not None and info["code"] != code:
        theirs, ours = info["code"], code
        keys = [k for k in sorted(ours.keys() | theirs.keys()) if ours.get(k) != theirs.get(k)]
        raise RayBatchError(
            f"the Ray worker on node {info['node']} runs other code than this driver "
            f"({', '.join(keys)} differ); install the same incident-brief on every node"
        )


def run_batch(
    incidents: list[Path],
    out: Path,
    config: Config,
    on_outcome: Callable[[Outcome], None],
    *,
    workers: int | None = None,
    address: str | None = None,
    verbose: bool = False,
    on_status: Callable[[str], None] = lambda _: None,
    on_warning: Callable[[str], None] = lambda _: None,
) -> list[dict]:
    """Build `incidents` on Ray and publish each brief into `out` from this process, which must
    hold OUT's lock. `on_outcome` gets each incident's Outcome as it completes (every incident
    gets one, whatever fails). Returns each worker's stats (node, pid, incidents, peak RSS).
    Raises RayBatchError when Ray cannot start or join, or no worker can load the models (a worker
    that cannot, beside others that can, is left out with a warning)."""
    ray = _import_ray(local=address is None)
    from ray.exceptions import RayError
    from ray.util import ActorPool

    from .manifest import code_fingerprint, snapshot

    on_status("starting Ray" if address is None else f"joining Ray at {address}")
    workers = _connect(ray, address, workers, verbose)
    try:
        on_status(f"loading models on {workers} Ray worker{'s' * (workers > 1)}")
        worker = ray.remote(BriefWorker).options(num_cpus=1)
        starting = {a.ready.remote(): a for a in [worker.remote(config) for _ in range(min(workers, len(incidents)))]}
        from .run import write_outputs  # the driver publishes; imported while the workers load

        def publish(brief: Brief, record: dict, snap: Snapshot) -> tuple[Brief, Path]:
            return brief, write_outputs(out, brief, record, snap)

        # The code this driver runs now (not the cached snapshot's: a deploy may have happened since).
        code = code_fingerprint.__wrapped__() if address is not None else None
        pool = ActorPool([])
        ready: list[ActorHandle] = []
        todo: dict[str, tuple[Path, Snapshot]] = {}
        for folder in incidents:  # queued; each actor takes the next one as soon as it is free
            path = str(folder.absolute())
            todo[path] = (folder, snapshot(folder, config))  # before a worker reads it, as in run_incident
            pool.submit(lambda a, job: a.build.remote(*job), (path, str(folder)))
        died: list[str] = []
        broken: list[RayBatchError] = []
        while todo:
            if starting:  # an actor starts work as soon as its models are loaded
                up, _ = ray.wait(list(starting), num_returns=1, timeout=0 if pool.has_next() else None)
                for ref in up:
                    actor = starting.pop(ref)
                    try:
                        _check_worker(ray.get(ref), code)
                    except (RayError, RayBatchError) as e:
                        broken.append(
                            e
                            if isinstance(e, RayBatchError)
                            else RayBatchError(f"a Ray worker could not start: {_gist(e)}")
                        )
                        if not ready and not starting:
                            raise broken[0] from None
                        on_warning(f"{broken[-1]} (left out; the other workers go on)")
                        continue
                    ready.append(actor)
                    pool.push(actor)
                    on_status("building")
            if not pool.has_next():
                if starting:
                    continue
                break  # no worker left: what is left fails below
            try:
                path, outcome, built = pool.get_next_unordered(timeout=0.5 if starting else None)
            except TimeoutError:
                continue
            except RayError as e:  # a worker process died (killed, out of memory); the others go on
                died.append(_gist(e))
                continue
            folder, snap = todo.pop(path)
            if built is not None:
                brief, record = built
                outcome = attempt(outcome.name, partial(publish, brief, record, snap))
            on_outcome(outcome)
        for folder, _ in todo.values():  # a worker died building them, or none was left to
            cause = died[0] if died else "none left"
            on_outcome(Outcome(folder.name, "error", f"not built: a Ray worker died ({cause})"))
        return [s for s in (_stats(ray, a) for a in ready) if s]
    finally:
        on_status("stopping Ray")
        ray.shutdown()


def _stats(ray, actor) -> dict | None:
    try:
        return ray.get(actor.stats.remote(), timeout=10)
    except Exception:  # a dead worker has none
        return None


def _gist(e: BaseException, limit: int = 120) -> str:
    """The last line of a Ray error (the message under the remote traceback), cut after the
    sentence that passes `limit` characters (Ray goes on to list every possible cause)."""
    lines = [line for line in str(e).splitlines() if line.strip()]
    gist = lines[-1].strip() if lines else type(e).__name__
    end = gist.find(". ", limit)
    return gist if end < 0 else gist[: end + 1]
