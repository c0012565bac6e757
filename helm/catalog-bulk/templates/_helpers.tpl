{{/* Names and labels. */}}
{{- define "catalog-bulk.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "catalog-bulk.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "catalog-bulk.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "catalog-bulk.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "catalog-bulk.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "catalog-bulk.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: catalog-bulk
{{- end -}}

{{/* Pod labels: the selector labels of the component plus the chart's other labels, each once. */}}
{{- define "catalog-bulk.podLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: catalog-bulk
{{ include "catalog-bulk.selectorLabels" . }}
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "component" "ingest") */}}
{{- define "catalog-bulk.selectorLabels" -}}
app.kubernetes.io/name: {{ include "catalog-bulk.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "catalog-bulk.componentName" -}}
{{- printf "%s-%s" (include "catalog-bulk.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "catalog-bulk.secretName" -}}
{{- default (include "catalog-bulk.fullname" .) .Values.existingSecret -}}
{{- end -}}

{{- define "catalog-bulk.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "catalog-bulk.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "catalog-bulk.image" -}}
{{- $values := index .root.Values .component -}}
{{- $tag := default .root.Chart.AppVersion .root.Values.image.tag -}}
{{- if .root.Values.image.registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.registry) $values.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" $values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/*
Checks that run before anything is rendered: a worker scaled by two controllers would flap, and a chart
without token keys would start services that cannot verify a single token.
*/}}
{{- define "catalog-bulk.validate" -}}
{{- if and .Values.worker.hpa.enabled .Values.worker.keda.enabled -}}
{{- fail "worker.hpa.enabled and worker.keda.enabled are both true: the worker must have exactly one autoscaler (a KEDA ScaledObject creates an HPA of its own). Disable one of them." -}}
{{- end -}}
{{- if and .Values.pgbouncer.enabled (not (regexMatch "^jdbc:postgresql://[^/,]+/[^/?]+" .Values.database.url)) -}}
{{- fail "pgbouncer.enabled needs database.url of the form jdbc:postgresql://host[:port]/database[?parameters] (one host): PgBouncer forwards to that host and database." -}}
{{- end -}}
{{- if not .Values.existingSecret -}}
{{- if or (not .Values.tokens.publicKey) (not .Values.tokens.privateKey) -}}
{{- fail "tokens.publicKey and tokens.privateKey (PEM) are required, or existingSecret naming a Secret with token-public.pem and token-private.pem. Generate a pair with: java bin/lib/GenerateTokenKeys.java <dir>" -}}
{{- end -}}
{{- if not .Values.admin.password -}}
{{- fail "admin.password is required (the first administrator is created with it), or existingSecret naming a Secret with ADMIN_PASSWORD." -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
PgBouncer (pgbouncer.enabled): the parts of database.url it forwards to, and the URL the services' pools use
instead: PgBouncer's Service and the same database name. database.url's parameters concern the direct hop: its
sslmode becomes PgBouncer's server_tls_sslmode (PgBouncer's own listener is plain, inside the cluster).
*/}}
{{- define "catalog-bulk.pgbouncerName" -}}
{{- include "catalog-bulk.componentName" (dict "root" . "component" "pgbouncer") -}}
{{- end -}}

{{- define "catalog-bulk.databaseHost" -}}
{{- regexReplaceAll "^jdbc:postgresql://([^/:?]+).*$" .Values.database.url "${1}" -}}
{{- end -}}

{{- define "catalog-bulk.databasePort" -}}
{{- if regexMatch "^jdbc:postgresql://[^/:?]+:[0-9]+/" .Values.database.url -}}
{{- regexReplaceAll "^jdbc:postgresql://[^/:?]+:([0-9]+)/.*$" .Values.database.url "${1}" -}}
{{- else -}}
5432
{{- end -}}
{{- end -}}

{{- define "catalog-bulk.databaseName" -}}
{{- regexReplaceAll "^jdbc:postgresql://[^/]+/([^?]*).*$" .Values.database.url "${1}" -}}
{{- end -}}

{{- define "catalog-bulk.pooledDatabaseUrl" -}}
{{- printf "jdbc:postgresql://%s:%v/%s" (include "catalog-bulk.pgbouncerName" .) .Values.pgbouncer.port (include "catalog-bulk.databaseName" .) -}}
{{- end -}}

{{- define "catalog-bulk.databaseSslmode" -}}
{{- $mode := regexFind "[?&]sslmode=[a-z-]+" .Values.database.url -}}
{{- if $mode -}}
{{- regexReplaceAll "^.*=" $mode "" -}}
{{- else -}}
prefer
{{- end -}}
{{- end -}}
