#!/usr/bin/env python3
"""Generates deploy/docker-compose.yml and deploy/.env.example.

Inputs, and nothing else:
  1. the AppHost's app model, as Aspire's manifest (`--publisher manifest`): PostgreSQL, Redis and the API,
     their images, volumes, environment and secret parameters;
  2. deploy/monitoring/compose.yml, the monitoring stack (Prometheus, Alertmanager, Grafana, Loki, Promtail,
     Zipkin, OpenTelemetry Collector), merged in as it is written there;
  3. the tables below: what neither says about running in production (container names and ports of the
     runbook, health checks, limits, the API's image, the settings the AppHost does not model).

Usage, from anywhere:
  python3 deploy/compose/generate.py                 # builds and runs the AppHost, writes into deploy/
  python3 deploy/compose/generate.py --no-build -c Release --output-dir /tmp/x
  python3 deploy/compose/generate.py --manifest aspire-manifest.json

Needs python3 with PyYAML (Debian: python3-yaml) and, unless --manifest is given, the .NET SDK.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import yaml
except ImportError:  # pragma: no cover - depends on the machine
    sys.exit("generate.py needs PyYAML: apt-get install -y python3-yaml (Debian package python3-yaml)")

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
APPHOST = REPO / "src" / "Liyaqa.AppHost"
MONITORING_COMPOSE = DEPLOY / "monitoring" / "compose.yml"

# Logs of every container: Docker's json-file driver, rotated, so a chatty service cannot fill the disk
# (Promtail reads them through the Docker API).
LOGGING = {"driver": "json-file", "options": {"max-size": "20m", "max-file": "5"}}

# ---------------------------------------------------------------------------------------------------------
# 1. How each resource of the AppHost's model runs in production. Every container or project resource of the
#    manifest needs an entry: a new resource in the AppHost fails the generation until it is given one.
# ---------------------------------------------------------------------------------------------------------
APP_RESOURCES = {
    "postgres": {
        "service": "postgres",
        "container_name": "liyaqa-postgres",
        # Loopback only: the backup scripts (deploy/scripts) and psql on the host reach it; nothing else does.
        "ports": ["127.0.0.1:5432:5432"],
        # -h: the image's first-start server listens on the socket only, so this passes once init is done.
        "healthcheck": {
            "test": ["CMD", "pg_isready", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", "postgres"],
            "interval": "10s", "timeout": "5s", "retries": 5, "start_period": "60s",
        },
        # Time for a clean shutdown (the image stops PostgreSQL with SIGINT, a fast shutdown) before SIGKILL.
        "stop_grace_period": "60s",
        # The backup folder at the same path inside and outside: WAL archiving (deploy/scripts/pitr) writes
        # there from the server, and the host's backup scripts and base backups read it.
        "host_volumes": ["/var/backups/liyaqa:/var/backups/liyaqa"],
        "limits": {"cpus": "2", "memory": "4g"},
    },
    "pgbouncer": {
        "service": "pgbouncer",
        "container_name": "liyaqa-pgbouncer",
        # Internal: the API reaches PostgreSQL only through it; operators and backups go to postgres directly.
        "healthcheck": {
            "test": ["CMD-SHELL", "pg_isready -q -h 127.0.0.1 -p 6432 || nc -z 127.0.0.1 6432"],
            "interval": "10s", "timeout": "5s", "retries": 5, "start_period": "10s",
        },
        # Its configuration: pgbouncer.ini and the pooling settings the embedded PgBouncer of the tests uses too.
        "host_volumes": ["./pgbouncer:/etc/pgbouncer/liyaqa:ro"],
        "limits": {"cpus": "1", "memory": "256m"},
    },
    "cache": {
        "service": "redis",
        "container_name": "liyaqa-redis",
        # redis-cli reads the password from REDISCLI_AUTH; $$ keeps Compose from interpolating it.
        "healthcheck": {
            "test": ["CMD-SHELL", 'REDISCLI_AUTH="$$REDIS_PASSWORD" redis-cli ping | grep -q PONG'],
            "interval": "10s", "timeout": "5s", "retries": 5, "start_period": "10s",
        },
        "limits": {"cpus": "1", "memory": "512m"},
    },
    "api": {
        "service": "backend",
        "container_name": "liyaqa-backend",
        # Built from deploy/Dockerfile; the AppHost's project path is not used.
        "build": {
            "context": "..",
            "dockerfile": "deploy/Dockerfile",
            "args": {"SOURCE_REVISION_ID": "${SOURCE_REVISION_ID:-unknown}"},
        },
        "image": "${BACKEND_IMAGE:-liyaqa-backend:latest}",
        # The manifest leaves the project's ports to the deployer: plain HTTP on 8080 inside; TLS ends at the
        # reverse proxy on the host, which forwards to 127.0.0.1:8080.
        "target_ports": {"http": 8080},
        "ports": ["127.0.0.1:8080:8080"],
        "healthcheck": {
            "test": ["CMD", "curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/health/ready"],
            # Migrations run before the API listens.
            "interval": "15s", "timeout": "5s", "retries": 4, "start_period": "90s",
        },
        "limits": {"cpus": "2", "memory": "2g"},
        # Settings the AppHost does not model: where telemetry goes, and the mail and SMS providers.
        "environment": {
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel-collector:4317",
            "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
            "SMTP_USERNAME": "${SMTP_USERNAME:-}",
            "SMTP_PASSWORD": "${SMTP_PASSWORD:-}",
            "Smtp__FromAddress": "${SMTP_FROM_ADDRESS:-no-reply@liyaqa.app}",
            "Sms__Endpoint": "${SMS_ENDPOINT:?}",
            "Sms__ApiKey": "${SMS_API_KEY:?}",
            "Sms__Sender": "${SMS_SENDER:-Liyaqa}",
            "Platform__BootstrapOperator__Email": "${BOOTSTRAP_OPERATOR_EMAIL:-}",
            "Platform__BootstrapOperator__Password": "${BOOTSTRAP_OPERATOR_PASSWORD:-}",
        },
    },
    "web": {
        "service": "frontend",
        "container_name": "liyaqa-frontend",
        # Built from deploy/web.Dockerfile: Next.js' standalone server; the browser talks only to it.
        "build": {"context": "..", "dockerfile": "deploy/web.Dockerfile"},
        "image": "${FRONTEND_IMAGE:-liyaqa-frontend:latest}",
        # Plain HTTP inside; TLS ends at the reverse proxy on the host, which forwards to 127.0.0.1:3000.
        "ports": ["127.0.0.1:3000:3000"],
        "healthcheck": {
            "test": ["CMD", "node", "-e",
                     "fetch('http://127.0.0.1:3000/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"],
            "interval": "15s", "timeout": "5s", "retries": 4, "start_period": "30s",
        },
        "limits": {"cpus": "1", "memory": "512m"},
    },
    # The AppHost's mail catcher (Mailpit) is for development: production mail goes to a real SMTP server.
    "mail": {
        "replaced_by": {
            ("smtp", "host"): "${SMTP_HOST:?}",
            ("smtp", "port"): "${SMTP_PORT:-587}",
        },
    },
}

# ---------------------------------------------------------------------------------------------------------
# 2. What deploy/monitoring/compose.yml leaves out and production needs. Every service there needs an entry.
# ---------------------------------------------------------------------------------------------------------
MONITORING_SERVICES = {
    "prometheus": {
        "healthcheck": {"test": ["CMD", "wget", "-q", "--spider", "http://127.0.0.1:9090/-/healthy"]},
        "limits": {"cpus": "1", "memory": "2g"},
    },
    "alertmanager": {
        "healthcheck": {"test": ["CMD", "wget", "-q", "--spider", "http://127.0.0.1:9093/-/healthy"]},
        "limits": {"cpus": "0.5", "memory": "256m"},
    },
    "grafana": {
        "healthcheck": {"test": ["CMD", "wget", "-q", "--spider", "http://127.0.0.1:3000/api/health"]},
        "limits": {"cpus": "1", "memory": "512m"},
    },
    "loki": {
        "healthcheck": {"test": ["CMD", "wget", "-q", "--spider", "http://127.0.0.1:3100/ready"], "start_period": "60s"},
        "limits": {"cpus": "1", "memory": "1g"},
    },
    "promtail": {
        # The image has neither curl nor wget: bash's /dev/tcp asks /ready.
        "healthcheck": {"test": ["CMD", "bash", "-c",
                                 "exec 3<>/dev/tcp/127.0.0.1/9080 && printf 'GET /ready HTTP/1.0\\r\\n\\r\\n' >&3 "
                                 "&& head -n 1 <&3 | grep -q ' 200 '"]},
        "limits": {"cpus": "0.5", "memory": "256m"},
    },
    "zipkin": {
        "healthcheck": {"test": ["CMD", "wget", "-q", "--spider", "http://127.0.0.1:9411/health"], "start_period": "60s"},
        "limits": {"cpus": "1", "memory": "1g"},
    },
    "otel-collector": {
        # The image holds the collector binary alone (no shell, no HTTP client): the check proves that the
        # binary runs and accepts its configuration. Its pipeline shows up as traces in Zipkin.
        "healthcheck": {"test": ["CMD", "/otelcol-contrib", "validate", "--config=/etc/otelcol-contrib/config.yml"]},
        "limits": {"cpus": "0.5", "memory": "512m"},
    },
}

HEALTHCHECK_DEFAULTS = {"interval": "30s", "timeout": "5s", "retries": 3, "start_period": "30s"}

# Secrets that deploy/monitoring/compose.yml hands over as Compose secrets from environment variables. Compose
# v1 (Debian's docker-compose, which the tests use) cannot read a secret from the environment, so here the
# container writes the variable to the file the service's configuration names, then starts the program.
# image (without tag) -> (program, user id the image runs as)
SECRET_WRITING_IMAGES = {
    "prom/prometheus": ("/bin/prometheus", 65534),
    "prom/alertmanager": ("/bin/alertmanager", 65534),
}

# ---------------------------------------------------------------------------------------------------------
# 3. Every variable of .env.example: the AppHost's parameters first, then the rest. (name -> group, example,
#    description). A ${VARIABLE} in the compose file that is not here fails the generation.
# ---------------------------------------------------------------------------------------------------------
PARAMETER_DESCRIPTIONS = {
    "postgres-password": "Password of PostgreSQL's superuser `postgres`, which owns the database and runs the migrations.",
    "cache-password": "Password of Redis (requirepass).",
    "db-app-password": "Password of the role `liyaqa_app` the API's requests run as (row-level security applies to it); the API sets it on the role at start.",
    "management-token": "Operators' bearer token for /actuator/info and /actuator/prometheus; Prometheus scrapes with it.",
}

VARIABLES = {
    "COMPOSE_PROJECT_NAME": ("Compose", "liyaqa",
                             "Compose project name, so `docker compose` finds the same project from any folder."),
    "BACKEND_IMAGE": ("Backend", "liyaqa-backend:latest",
                      "Image of the API: `docker compose build backend` tags it; set a registry name to pull a released one instead."),
    "FRONTEND_IMAGE": ("Frontend", "liyaqa-frontend:latest",
                       "Image of the web app: `docker compose build frontend` tags it; set a registry name to pull a released one instead."),
    "SOURCE_REVISION_ID": ("Backend", "unknown",
                           "Git commit built into the image and shown by /actuator/info (`SOURCE_REVISION_ID=$(git rev-parse HEAD) docker compose build`)."),
    "SMTP_HOST": ("Mail", "smtp.example.com", "SMTP server of the mail provider."),
    "SMTP_PORT": ("Mail", "587", "Its port: 587 uses STARTTLS, 465 TLS from the start."),
    "SMTP_USERNAME": ("Mail", "", "SMTP login; empty sends without logging in."),
    "SMTP_PASSWORD": ("Mail", "", "SMTP password (secret)."),
    "SMTP_FROM_ADDRESS": ("Mail", "no-reply@liyaqa.app", "Sender address of all mail; the display name is the club's."),
    "SMS_ENDPOINT": ("SMS", "https://sms.example.com/api/messages",
                     "The SMS provider's HTTP endpoint; texts are POSTed there as JSON."),
    "SMS_API_KEY": ("SMS", "change-me-sms-api-key", "The SMS provider's API key, sent as a bearer token (secret)."),
    "SMS_SENDER": ("SMS", "Liyaqa", "Registered sender name shown on the phone."),
    "BOOTSTRAP_OPERATOR_EMAIL": ("Backend", "",
                                 "First platform operator, created at start while there is none (e.g. ops@your-company.sa); empty creates none."),
    "BOOTSTRAP_OPERATOR_PASSWORD": ("Backend", "",
                                    "That operator's first password (secret; change it after the first sign-in)."),
    "SLACK_WEBHOOK_URL": ("Monitoring", "https://hooks.slack.com/services/CHANGE/ME/PLEASE",
                          "Slack incoming-webhook URL Alertmanager posts to (secret)."),
    "GRAFANA_ADMIN_PASSWORD": ("Monitoring", "change-me-grafana-admin-password",
                               "Password of Grafana's `admin` user (secret)."),
}

GROUP_TITLES = {
    "Compose": "Compose",
    "Secrets": "Parameters of the AppHost's model: the secrets of PostgreSQL, Redis and the API",
    "Backend": "The API's image",
    "Frontend": "The web app's image",
    "Mail": "Mail (the AppHost's development mail catcher is replaced by a real SMTP server)",
    "SMS": "Text messages",
    "Monitoring": "Monitoring",
}

VARIABLE_USE = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)")
EXPRESSION = re.compile(r"\{([^{}]+)\}")


class GenerationError(Exception):
    pass


# ---------------------------------------------------------------------------------------------------------
# The manifest
# ---------------------------------------------------------------------------------------------------------
def produce_manifest(configuration: str, build: bool, directory: Path) -> dict:
    """Runs the AppHost in publish mode with Aspire's manifest publisher."""
    output = directory / "aspire-manifest.json"
    command = ["dotnet", "run", "--project", str(APPHOST), "--configuration", configuration, "--no-launch-profile"]
    if not build:
        command.append("--no-build")
    command += ["--", "--publisher", "manifest", "--output-path", str(output)]
    # Production settings only: no user secrets (Development), no ApiSettings/Liyaqa/Parameters from the caller.
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith(("ApiSettings__", "Liyaqa__", "Parameters__", "ConnectionStrings__"))}
    environment.update(DOTNET_ENVIRONMENT="Production", ASPNETCORE_ENVIRONMENT="Production",
                       DOTNET_NOLOGO="1", DOTNET_CLI_TELEMETRY_OPTOUT="1")
    result = subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not output.exists():
        raise GenerationError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return json.loads(output.read_text(encoding="utf-8"))


def variable_name(parameter: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "_", parameter).upper()


class ManifestMapping:
    """Turns the manifest's resources into Compose services, resolving {resource.…} expressions."""

    def __init__(self, manifest: dict):
        self.resources: dict = manifest["resources"]
        self.parameters: dict[str, dict] = {}  # variable -> what the .env.example says about it
        for name, resource in self.resources.items():
            kind = resource.get("type")
            if kind in ("container.v0", "project.v0", "project.v1") and name not in APP_RESOURCES:
                raise GenerationError(
                    f"The AppHost has a new resource '{name}' ({kind}): say how it runs in production in "
                    f"APP_RESOURCES of {Path(__file__).relative_to(REPO)}.")
            if kind not in ("container.v0", "project.v0", "project.v1", "parameter.v0", "value.v0", "annotated.string"):
                raise GenerationError(f"Resource '{name}' has type {kind}, which this generator does not know.")

    def service_name(self, resource: str) -> str:
        return APP_RESOURCES[resource]["service"]

    # {…} expressions --------------------------------------------------------------------------------------
    def resolve(self, text: str, references: set[str]) -> str:
        """A manifest string as a Compose value: literal $ escaped, {…} replaced, referenced resources noted."""
        parts, position = [], 0
        for match in EXPRESSION.finditer(text):
            parts.append(text[position:match.start()].replace("$", "$$"))
            parts.append(self.reference(match.group(1), references))
            position = match.end()
        parts.append(text[position:].replace("$", "$$"))
        return "".join(parts)

    def reference(self, expression: str, references: set[str]) -> str:
        name, _, path = expression.partition(".")
        resource = self.resources.get(name)
        if resource is None:
            raise GenerationError(f"{{{expression}}} names no resource of the manifest")
        kind = resource["type"]
        if path == "connectionString":
            return self.resolve(resource["connectionString"], references)
        if path == "value" and kind == "parameter.v0":
            return self.parameter(name, resource)
        if path == "value" and kind == "annotated.string":
            if resource.get("filter") != "uri":
                raise GenerationError(f"{name}: filter {resource.get('filter')} is not supported")
            inner = EXPRESSION.fullmatch(resource["value"])
            if not inner:
                raise GenerationError(f"{name}: only a single parameter can be URI-encoded")
            # Compose cannot URI-encode: the secrets are documented as letters, digits, - and _ instead.
            return self.reference(inner.group(1), references)
        binding_match = re.fullmatch(r"bindings\.([^.]+)\.([A-Za-z]+)", path)
        if binding_match:
            return self.binding(name, binding_match.group(1), binding_match.group(2), references)
        raise GenerationError(f"{{{expression}}} is not supported by the generator")

    def binding(self, name: str, binding: str, prop: str, references: set[str]) -> str:
        production = APP_RESOURCES[name]
        if "replaced_by" in production:
            replacement = production["replaced_by"].get((binding, prop))
            if replacement is None:
                raise GenerationError(f"{name}.bindings.{binding}.{prop}: no replacement for this resource")
            return replacement
        spec = self.resources[name]["bindings"][binding]
        port = production.get("target_ports", {}).get(binding, spec.get("targetPort"))
        references.add(name)
        if prop == "host":
            return self.service_name(name)
        if prop in ("port", "targetPort"):
            if port is None:
                raise GenerationError(f"{name}.bindings.{binding} has no target port: set target_ports in APP_RESOURCES")
            return str(port)
        if prop == "scheme":
            return spec["scheme"]
        if prop == "url":
            return f"{spec['scheme']}://{self.service_name(name)}:{port}"
        raise GenerationError(f"{name}.bindings.{binding}.{prop} is not supported")

    def parameter(self, name: str, resource: dict) -> str:
        """A parameter of the AppHost is a variable of .env: required, unless the AppHost gives a fixed default."""
        variable = variable_name(name)
        value_input = resource.get("inputs", {}).get("value", {})
        self.parameters.setdefault(variable, {"parameter": name, "input": value_input})
        default = value_input.get("default", {})
        if "value" in default:
            return "${" + variable + ":-" + str(default["value"]).replace("$", "$$") + "}"
        return "${" + variable + ":?}"

    # services ---------------------------------------------------------------------------------------------
    def services(self) -> dict[str, dict]:
        services = {}
        for name, resource in self.resources.items():
            kind = resource["type"]
            if kind not in ("container.v0", "project.v0", "project.v1") or "replaced_by" in APP_RESOURCES[name]:
                continue
            production = APP_RESOURCES[name]
            references: set[str] = set()
            service: dict = {}
            if kind == "container.v0" and "build" not in production:
                service["image"] = resource["image"]
            else:
                service["image"] = production["image"]
                service["build"] = production["build"]
            service["container_name"] = production["container_name"]
            if "entrypoint" in resource:
                service["entrypoint"] = [resource["entrypoint"]]
            if "args" in resource:
                service["command"] = [self.resolve(arg, references) for arg in resource["args"]]
            environment = {key: self.resolve(value, references) for key, value in resource.get("env", {}).items()}
            environment.update(production.get("environment", {}))
            if environment:
                service["environment"] = environment
            if resource.get("bindMounts"):
                raise GenerationError(f"{name}: bind mounts of the AppHost are not supported in production")
            volumes = [f"{v['name']}:{v['target']}" + (":ro" if v.get("readOnly") else "") for v in resource.get("volumes", [])]
            volumes += production.get("host_volumes", [])
            if volumes:
                service["volumes"] = volumes
            references.discard(name)
            if references:
                service["depends_on"] = {self.service_name(r): {"condition": "service_healthy"}
                                         for r in self.resources if r in references}
            for key in ("ports", "healthcheck", "stop_grace_period", "limits"):
                if key in production:
                    service[key] = production[key]
            services[production["service"]] = service
        return services

    def volumes(self) -> list[str]:
        return [v["name"] for r in self.resources.values() for v in r.get("volumes", [])]


# ---------------------------------------------------------------------------------------------------------
# The monitoring stack
# ---------------------------------------------------------------------------------------------------------
def monitoring_services(compose: dict) -> dict[str, dict]:
    secrets = compose.get("secrets", {})
    services = {}
    for name, source in compose["services"].items():
        if name not in MONITORING_SERVICES:
            raise GenerationError(f"deploy/monitoring/compose.yml has a new service '{name}': give it a health "
                                  f"check and limits in MONITORING_SERVICES of {Path(__file__).relative_to(REPO)}.")
        service = dict(source)
        # Its paths are relative to deploy/monitoring; the generated file lives in deploy/.
        if "volumes" in service:
            service["volumes"] = [rebase(volume) for volume in service["volumes"]]
        if "secrets" in service:
            secret_files(service, service.pop("secrets"), secrets)
        if isinstance(service.get("depends_on"), list):
            service["depends_on"] = {dependency: {"condition": "service_started"} for dependency in service["depends_on"]}
        service.update(MONITORING_SERVICES[name])
        services[name] = service
    return services


def rebase(volume: str) -> str:
    return "./monitoring/" + volume[2:] if volume.startswith("./") else volume


def secret_files(service: dict, uses: list, secrets: dict) -> None:
    image = service["image"].rsplit(":", 1)[0]
    if image not in SECRET_WRITING_IMAGES:
        raise GenerationError(f"{image} takes a secret, but SECRET_WRITING_IMAGES does not say how to start it")
    program, uid = SECRET_WRITING_IMAGES[image]
    writes, environment = [], dict(service.get("environment", {}))
    for use in uses:
        source = use if isinstance(use, str) else use["source"]
        target = f"/run/secrets/{source}" if isinstance(use, str) else use.get("target", f"/run/secrets/{source}")
        variable = secrets[source]["environment"]
        environment[variable] = "${" + variable + ":?}"
        writes.append(f"printf '%s' \"$${variable}\" > {target}")
        if target.startswith("/run/secrets/"):
            # A private in-memory folder the image's user can write: the secret never reaches a disk.
            service["tmpfs"] = [f"/run/secrets:uid={uid},gid={uid},mode=0700"]
    service["environment"] = environment
    script = "umask 077 && " + " && ".join(writes) + f" && exec {program} \"$$@\""
    service["entrypoint"] = ["/bin/sh", "-c", script, program.rsplit("/", 1)[1]]


# ---------------------------------------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------------------------------------
SERVICE_KEY_ORDER = ["image", "build", "container_name", "restart", "depends_on", "entrypoint", "command",
                     "environment", "volumes", "tmpfs", "ports", "healthcheck", "stop_grace_period", "deploy", "logging"]


def finish(service: dict) -> dict:
    """Restart policy, full health check, limits and logging for every service, keys in one order."""
    service = dict(service)
    service["restart"] = "unless-stopped"
    service["healthcheck"] = {"test": service["healthcheck"]["test"],
                              **{k: service["healthcheck"].get(k, v) for k, v in HEALTHCHECK_DEFAULTS.items()}}
    limits = service.pop("limits")
    service["deploy"] = {"resources": {"limits": {"cpus": limits["cpus"], "memory": limits["memory"]}}}
    service["logging"] = LOGGING
    unknown = set(service) - set(SERVICE_KEY_ORDER)
    if unknown:
        raise GenerationError(f"add {sorted(unknown)} to SERVICE_KEY_ORDER")
    return {key: service[key] for key in SERVICE_KEY_ORDER if key in service}


def build_compose(manifest: dict, monitoring: dict) -> tuple[dict, ManifestMapping]:
    mapping = ManifestMapping(manifest)
    services = {**mapping.services(), **monitoring_services(monitoring)}
    volume_names = mapping.volumes() + list(monitoring.get("volumes", {}))
    compose = {
        "services": {name: finish(service) for name, service in services.items()},
        # Fixed names: the same volumes whatever the project is called, as the AppHost names them.
        "volumes": {name: {"name": name if name.startswith("liyaqa-") else f"liyaqa-{name}"} for name in volume_names},
        # Named "liyaqa", the network deploy/monitoring/compose.yml joins.
        "networks": {"default": {"name": "liyaqa"}},
    }
    return compose, mapping


def env_example(compose_text: str, mapping: ManifestMapping) -> str:
    used = set(VARIABLE_USE.findall(compose_text)) | {"COMPOSE_PROJECT_NAME"}
    entries = {}
    for variable, info in mapping.parameters.items():
        description = PARAMETER_DESCRIPTIONS.get(info["parameter"])
        if description is None:
            raise GenerationError(f"The AppHost parameter '{info['parameter']}' needs a line in PARAMETER_DESCRIPTIONS")
        default = info["input"].get("default", {})
        generate = default.get("generate", {})
        rules = ["Secret" if info["input"].get("secret") else "Setting"]
        if "value" not in default:
            rules.append("required")
        if "minLength" in generate:
            rules.append(f"at least {generate['minLength']} characters")
        # Compose writes the values into connection strings (and URIs) as they are: no ; , @ : / or spaces.
        rules.append("letters, digits, - and _ only")
        example = str(default["value"]) if "value" in default else f"change-me-{info['parameter']}"
        entries[variable] = ("Secrets", example, f"{description} {', '.join(rules)}.")
    entries.update({k: v for k, v in VARIABLES.items() if k in used})
    undocumented = used - set(entries)
    if undocumented:
        raise GenerationError(f"Variables used in the compose file but not documented in VARIABLES: {sorted(undocumented)}")

    lines = [
        "# Settings of deploy/docker-compose.yml. Generated by deploy/compose/generate.py: do not edit.",
        "# Copy to deploy/.env (git ignores it), replace every example value, and keep it readable by root only:",
        "#   cp .env.example .env && chmod 600 .env",
        "# Secrets: make each with `openssl rand -hex 32`.",
        "# Variables marked required stop `docker compose` with an error when they are empty.",
    ]
    for group in GROUP_TITLES:
        names = [name for name, (g, _, _) in entries.items() if g == group]
        if not names:
            continue
        lines += ["", f"# --- {GROUP_TITLES[group]}"]
        for name in names:
            _, example, description = entries[name]
            required = f"${{{name}:?}}" in compose_text
            lines.append(f"# {description}" + (" Required." if required and "required" not in description else ""))
            lines.append(f"{name}={example}")
    return "\n".join(lines) + "\n"


HEADER = """\
# Liyaqa in production: the API, PostgreSQL, Redis and the monitoring stack of docs/MONITORING.md.
# GENERATED by deploy/compose/generate.py from the AppHost's model (Aspire manifest) and
# deploy/monitoring/compose.yml: do not edit; change those (or the generator) and run
#   python3 deploy/compose/generate.py
# Run, from deploy/:
#   cp .env.example .env && chmod 600 .env     # then fill in every value
#   docker compose --env-file .env up -d --build
# Every port is published on 127.0.0.1 only: TLS and the public address belong to the reverse proxy.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--manifest", type=Path, help="use this manifest instead of running the AppHost")
    parser.add_argument("--output-dir", type=Path, default=DEPLOY, help="where to write (default: deploy/)")
    parser.add_argument("-c", "--configuration", default="Debug", help="AppHost build configuration (default Debug)")
    parser.add_argument("--no-build", action="store_true", help="run the AppHost as it was last built")
    arguments = parser.parse_args()
    try:
        if arguments.manifest:
            manifest = json.loads(arguments.manifest.read_text(encoding="utf-8"))
        else:
            with tempfile.TemporaryDirectory(prefix="liyaqa-manifest-") as directory:
                manifest = produce_manifest(arguments.configuration, not arguments.no_build, Path(directory))
        monitoring = yaml.safe_load(MONITORING_COMPOSE.read_text(encoding="utf-8"))
        compose, mapping = build_compose(manifest, monitoring)
        compose_text = HEADER + "\n" + emit(compose)
        env_text = env_example(compose_text, mapping)
    except GenerationError as error:
        print(f"generate.py: {error}", file=sys.stderr)
        return 1
    arguments.output_dir.mkdir(parents=True, exist_ok=True)
    (arguments.output_dir / "docker-compose.yml").write_text(compose_text, encoding="utf-8")
    (arguments.output_dir / ".env.example").write_text(env_text, encoding="utf-8")
    print(f"wrote {arguments.output_dir / 'docker-compose.yml'} and {arguments.output_dir / '.env.example'}")
    return 0


# ---------------------------------------------------------------------------------------------------------
# A small YAML writer: block style, keys in the order given, strings quoted only when YAML needs it, so the
# output is the same on every machine and reads like a hand-written file.
# ---------------------------------------------------------------------------------------------------------
PLAIN = re.compile(r"^(?:[A-Za-z0-9_./@]|-(?=[A-Za-z0-9-]))[A-Za-z0-9_./@:=+-]*$")
SPECIAL = re.compile(r"^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9][0-9_.:eE+-]*|\.inf|\.nan)$", re.IGNORECASE)


def scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if PLAIN.match(text) and not SPECIAL.match(text) and not text.endswith(":"):
        return text
    return json.dumps(text, ensure_ascii=False)


def emit(value, indent: int = 0, spaced: bool = False) -> str:
    pad = "  " * indent
    lines = []
    if isinstance(value, dict):
        for index, (key, item) in enumerate(value.items()):
            # A blank line between top-level sections and between services.
            if index and (indent == 0 or spaced):
                lines.append("")
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{scalar(key)}:")
                lines.append(emit(item, indent + 1, spaced=indent == 0 and key == "services").rstrip("\n"))
            elif isinstance(item, (dict, list)):
                lines.append(f"{pad}{scalar(key)}: {'{}' if isinstance(item, dict) else '[]'}")
            elif item is None:
                lines.append(f"{pad}{scalar(key)}:")
            else:
                lines.append(f"{pad}{scalar(key)}: {scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)):
                nested = emit(item, indent + 1).rstrip("\n").lstrip()
                lines.append(f"{pad}- {nested}")
            else:
                lines.append(f"{pad}- {scalar(item)}")
    else:
        lines.append(f"{pad}{scalar(value)}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
