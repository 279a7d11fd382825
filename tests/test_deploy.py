"""Deployment files, checked offline: Kubernetes schemas, hadolint, Envoy's validator, and our own CLI's parser."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from voice.cli import build_parser
from voice.server.metrics import ServerMetrics

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent
# The oldest release the manifests must work on: native preStop sleep (1.30), gRPC probes (1.27).
KUBERNETES_VERSIONS = ("1.33.0", "1.37.0")
DOCKERFILES = sorted(DEPLOY.glob("Dockerfile*"))


def manifests() -> list[dict]:
    return [doc for path in sorted((DEPLOY / "k8s").glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text())]


def by_kind(kind: str) -> dict:
    return next(doc for doc in manifests() if doc["kind"] == kind)


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_manifests_match_the_kubernetes_schemas(version: str) -> None:
    documents = manifests()
    assert {d["kind"] for d in documents} >= {"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"}
    for document in documents:
        kubernetes_validate.validate(document, version, strict=True)  # raises ValidationError


def test_a_wrong_manifest_is_caught() -> None:
    deployment = by_kind("Deployment")
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["grpc"]["port"] = "grpc"  # int only
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSIONS[-1], strict=True)


def test_the_deployment_probes_grpc_health_and_drains_within_its_grace() -> None:
    pod = by_kind("Deployment")["spec"]["template"]["spec"]
    container = pod["containers"][0]
    grpc_port = next(p["containerPort"] for p in container["ports"] if p["name"] == "grpc")
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["grpc"]["port"] == grpc_port
    args = build_parser().parse_args(["serve", *container["args"]])  # the server accepts every flag given
    assert args.port == grpc_port and args.no_reflection and args.api_keys
    pre_stop = container["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert pod["terminationGracePeriodSeconds"] >= pre_stop + args.grace + 5
    assert pod["securityContext"]["runAsNonRoot"] and container["securityContext"]["readOnlyRootFilesystem"]


def test_the_autoscaler_reads_a_metric_the_server_exports() -> None:
    hpa = by_kind("HorizontalPodAutoscaler")
    metric = hpa["spec"]["metrics"][0]["pods"]["metric"]["name"]
    adapter = yaml.safe_load(by_kind("ConfigMap")["data"]["config.yaml"])["rules"][0]
    assert adapter["name"]["as"] == metric and metric in adapter["seriesQuery"]
    metrics = ServerMetrics()
    from voice.engine import EngineStats  # noqa: PLC0415

    metrics.watch(EngineStats, max_streams=64)
    assert metrics.registry.get_sample_value(metric) == 0.0
    assert by_kind("PodDisruptionBudget")["spec"]["selector"] == by_kind("Deployment")["spec"]["selector"]


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_dockerfiles_pass_hadolint(dockerfile: Path) -> None:
    result = subprocess.run([BIN / "hadolint", str(dockerfile)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_catches_a_bad_dockerfile(tmp_path: Path) -> None:
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python\nRUN pip install numpy\n")  # untagged image, unpinned, cache kept, root
    result = subprocess.run([BIN / "hadolint", str(bad)], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "DL3006" in result.stdout


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_dockerfiles_run_non_root_with_a_grpc_health_check(dockerfile: Path) -> None:
    text = dockerfile.read_text().replace("\\\n", " ")
    final_stage = text.rsplit("\nFROM ", 1)[1]
    assert re.search(r"^USER 10001", final_stage, re.M)
    health = re.search(r"^HEALTHCHECK .* CMD (\[.*\])", final_stage, re.M)
    assert health and json.loads(health.group(1))[:2] == ["voice", "health"]
    build_parser().parse_args(json.loads(health.group(1))[1:])
    entrypoint = json.loads(re.search(r"^ENTRYPOINT (\[.*\])", final_stage, re.M).group(1))  # type: ignore[union-attr]
    command = json.loads(re.search(r"^CMD (\[.*\])", final_stage, re.M).group(1))  # type: ignore[union-attr]
    assert entrypoint == ["voice", "serve"]
    build_parser().parse_args([*entrypoint[1:], *command])


def test_the_cpu_image_installs_no_torch() -> None:
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    installs = re.findall(r"pip install ([^\n&]+)", text)
    assert installs and all(shlex.split(i)[-1] == "." for i in installs)  # the package without extras
    assert "import torch" in text  # and the build checks it


def test_envoy_accepts_the_config() -> None:
    result = subprocess.run(
        [BIN / "envoy", "--mode", "validate", "-c", str(DEPLOY / "envoy" / "envoy.yaml"), "-l", "error",
         "--disable-hot-restart"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_service_config_retries_only_what_a_replica_refused_before_any_work() -> None:
    config = json.loads((DEPLOY / "grpc-service-config.json").read_text())
    policy = config["methodConfig"][0]["retryPolicy"]
    # Draining (UNAVAILABLE) and at capacity (RESOURCE_EXHAUSTED, with the server's pushback): never INTERNAL or
    # INVALID_ARGUMENT, which would fail the same way again. gRPC caps attempts at 5.
    assert policy["retryableStatusCodes"] == ["UNAVAILABLE", "RESOURCE_EXHAUSTED"] and 2 <= policy["maxAttempts"] <= 5
    services = {name["service"] for name in config["methodConfig"][0]["name"]}
    assert "voice.v1.Synthesizer" in services
    # The README shows it as it is.
    assert (DEPLOY / "grpc-service-config.json").read_text().strip() in (ROOT / "README.md").read_text()
