{{/* Name of the chart, overridable. */}}
{{- define "vaani.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Prefix of every object's name: <release>-vaani, or the release name when it already says vaani. */}}
{{- define "vaani.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The components: values key -> component name, in the order they are rendered. */}}
{{- define "vaani.components" -}}
apiService: api-service
dialerTicker: dialer-ticker
dialerHopper: dialer-hopper
dialerCore: dialer-core
schedulerService: scheduler-service
agentWorker: agent-worker
{{- end -}}

{{/* Labels of every object. */}}
{{- define "vaani.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "vaani.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: vaani
{{- end -}}

{{/* Selector of one component's pods: dict "root" $ "component" "dialer-core". */}}
{{- define "vaani.selectorLabels" -}}
app.kubernetes.io/name: {{ include "vaani.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Labels of one component's objects. */}}
{{- define "vaani.componentLabels" -}}
{{ include "vaani.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Name of one component's objects: <fullname>-<component>. */}}
{{- define "vaani.componentName" -}}
{{- printf "%s-%s" (include "vaani.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "vaani.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "vaani.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Image of one component: its own repository and tag, or <image.registry>/<component>:<image.tag or appVersion>. */}}
{{- define "vaani.image" -}}
{{- $values := index .root.Values .key -}}
{{- $repository := $values.image.repository | default (printf "%s/%s" (trimSuffix "/" .root.Values.image.registry) .component) -}}
{{- $tag := $values.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s:%s" $repository $tag -}}
{{- end -}}

{{/* Name of the Secret the chart creates for the secret values not taken from a Secret of yours. */}}
{{- define "vaani.secretName" -}}
{{- include "vaani.fullname" . -}}
{{- end -}}

{{/* An environment variable from a Secret key: dict "name" "VAR" "secret" "name" "key" "key". */}}
{{- define "vaani.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end -}}

{{/* Secret environment of one component, by what it talks to: dict "root" $ "component" "dialer-core" ["secret" name of the chart's Secret]. */}}
{{- define "vaani.secretEnvOf" -}}
{{- $root := .root -}}
{{- $secret := .secret | default (include "vaani.secretName" $root) -}}
{{- $c := .component -}}
{{- if ne $c "agent-worker" }}
{{- with $root.Values.database }}
{{- if .existingSecret }}
{{ include "vaani.secretEnv" (dict "name" "VAANI_DB_PASSWORD" "secret" .existingSecret "key" .existingSecretPasswordKey) }}
{{- else if .password }}
{{ include "vaani.secretEnv" (dict "name" "VAANI_DB_PASSWORD" "secret" $secret "key" "database-password") }}
{{- end }}
{{- end }}
{{- end }}
{{- with $root.Values.redis }}
{{- if .existingSecret }}
{{ include "vaani.secretEnv" (dict "name" "VAANI_REDIS_URL" "secret" .existingSecret "key" .existingSecretUrlKey) }}
{{- else }}
{{ include "vaani.secretEnv" (dict "name" "VAANI_REDIS_URL" "secret" $secret "key" "redis-url") }}
{{- end }}
{{- end }}
{{- with $root.Values.rabbitmq }}
{{- if .existingSecret }}
{{ include "vaani.secretEnv" (dict "name" "VAANI_RABBITMQ_PASSWORD" "secret" .existingSecret "key" .existingSecretPasswordKey) }}
{{- else if .password }}
{{ include "vaani.secretEnv" (dict "name" "VAANI_RABBITMQ_PASSWORD" "secret" $secret "key" "rabbitmq-password") }}
{{- end }}
{{- end }}
{{- if has $c (list "api-service" "dialer-core" "scheduler-service" "agent-worker") }}
{{- with $root.Values.livekit }}
{{- if .existingSecret }}
{{ include "vaani.secretEnv" (dict "name" "LIVEKIT_API_KEY" "secret" .existingSecret "key" .existingSecretApiKeyKey) }}
{{ include "vaani.secretEnv" (dict "name" "LIVEKIT_API_SECRET" "secret" .existingSecret "key" .existingSecretApiSecretKey) }}
{{- else if .apiKey }}
{{ include "vaani.secretEnv" (dict "name" "LIVEKIT_API_KEY" "secret" $secret "key" "livekit-api-key") }}
{{ include "vaani.secretEnv" (dict "name" "LIVEKIT_API_SECRET" "secret" $secret "key" "livekit-api-secret") }}
{{- end }}
{{- end }}
{{- end }}
{{- if has $c (list "api-service" "agent-worker") }}
{{- with $root.Values.s3 }}
{{- if .existingSecret }}
{{ include "vaani.secretEnv" (dict "name" "AWS_ACCESS_KEY_ID" "secret" .existingSecret "key" .existingSecretAccessKeyIdKey) }}
{{ include "vaani.secretEnv" (dict "name" "AWS_SECRET_ACCESS_KEY" "secret" .existingSecret "key" .existingSecretSecretAccessKeyKey) }}
{{- else if .accessKeyId }}
{{ include "vaani.secretEnv" (dict "name" "AWS_ACCESS_KEY_ID" "secret" $secret "key" "s3-access-key-id") }}
{{ include "vaani.secretEnv" (dict "name" "AWS_SECRET_ACCESS_KEY" "secret" $secret "key" "s3-secret-access-key") }}
{{- end }}
{{- end }}
{{- end }}
{{- if eq $c "api-service" }}
{{- with $root.Values.api }}
{{- if .existingSecret }}
{{ include "vaani.secretEnv" (dict "name" "VAANI_BOOTSTRAP_API_KEY" "secret" .existingSecret "key" .existingSecretBootstrapApiKeyKey) }}
{{- else if .bootstrapApiKey }}
{{ include "vaani.secretEnv" (dict "name" "VAANI_BOOTSTRAP_API_KEY" "secret" $secret "key" "bootstrap-api-key") }}
{{- end }}
{{- end }}
{{- end }}
{{- if eq $c "agent-worker" }}
{{- $p := $root.Values.providers }}
{{- if not $p.existingSecret }}
{{- range $var, $field := include "vaani.providerKeys" $root | fromYaml }}
{{- if index $p $field }}
{{ include "vaani.secretEnv" (dict "name" $var "secret" $secret "key" $var) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Provider keys: environment variable -> values field of providers. */}}
{{- define "vaani.providerKeys" -}}
OPENAI_API_KEY: openaiApiKey
GROQ_API_KEY: groqApiKey
DEEPGRAM_API_KEY: deepgramApiKey
ELEVENLABS_API_KEY: elevenlabsApiKey
CARTESIA_API_KEY: cartesiaApiKey
SARVAM_API_KEY: sarvamApiKey
{{- end -}}

{{/* The AMQP URL KEDA reads the queue's depth with, built from the RabbitMQ values (a space is %20 in a URL's user info, not +). */}}
{{- define "vaani.amqpUrl" -}}
{{- $r := .Values.rabbitmq -}}
{{- $escape := dict "user" (urlquery $r.username | replace "+" "%20") "password" (urlquery $r.password | replace "+" "%20") "vhost" (urlquery $r.virtualHost | replace "+" "%20") -}}
{{- printf "amqp://%s:%s@%s:%v/%s" $escape.user $escape.password $r.host $r.port $escape.vhost -}}
{{- end -}}

{{/* Pod security context, /tmp volume and container security context shared by the Deployments and the migration Job. */}}
{{- define "vaani.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .sizeLimit }}
{{- end -}}

{{/*
One component's Deployment, the template all six share: dict "root" $ "key" "dialerCore" "component" "dialer-core".
Every service listens on 8080 in its container (QUARKUS_HTTP_PORT in the ConfigMap).
*/}}
{{- define "vaani.deployment" -}}
{{- $root := .root -}}
{{- $values := index $root.Values .key -}}
{{- $scaled := or $values.autoscaling.enabled (and (hasKey $values "keda") $values.keda.enabled) -}}
{{- $selector := include "vaani.selectorLabels" . -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "vaani.componentName" . }}
  labels:
    {{- include "vaani.componentLabels" . | nindent 4 }}
spec:
  {{- if not $scaled }}
  replicas: {{ $values.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- $selector | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        {{- include "vaani.componentLabels" . | nindent 8 }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
        checksum/secret: {{ include (print $root.Template.BasePath "/secret.yaml") $root | sha256sum }}
        {{- if and $root.Values.metrics.scrapeAnnotations (not $root.Values.metrics.serviceMonitor.enabled) }}
        prometheus.io/scrape: "true"
        prometheus.io/port: "8080"
        prometheus.io/path: /q/metrics
        {{- end }}
        {{- with $values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "vaani.serviceAccountName" $root }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      terminationGracePeriodSeconds: {{ $values.terminationGracePeriodSeconds }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .component }}
          image: {{ include "vaani.image" . }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "vaani.fullname" $root }}
            {{- if and (eq .component "agent-worker") $root.Values.providers.existingSecret }}
            - secretRef:
                name: {{ $root.Values.providers.existingSecret }}
            {{- end }}
          env:
            - name: QUARKUS_FLYWAY_MIGRATE_AT_START
              value: {{ (and (eq .component "api-service") (not $root.Values.migrations.enabled)) | quote }}
            {{- with include "vaani.secretEnvOf" . | trim }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- range $name, $value := $values.env }}
            - name: {{ $name }}
              value: {{ $value | quote }}
            {{- end }}
          startupProbe:
            httpGet:
              path: /q/health/started
              port: http
            periodSeconds: 5
            failureThreshold: 60
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: http
            periodSeconds: 10
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: http
            periodSeconds: 5
            failureThreshold: 3
          resources:
            {{- toYaml $values.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        {{- include "vaani.tmpVolume" (dict "sizeLimit" $values.tmpSizeLimit) | nindent 8 }}
      {{- with (merge (dict) $values.nodeSelector $root.Values.nodeSelector) }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with (concat $root.Values.tolerations $values.tolerations) }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if $root.Values.topologySpread.enabled }}
      topologySpreadConstraints:
        {{- range $root.Values.topologySpread.topologyKeys }}
        - maxSkew: {{ $root.Values.topologySpread.maxSkew }}
          topologyKey: {{ . }}
          whenUnsatisfiable: {{ $root.Values.topologySpread.whenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- $selector | nindent 14 }}
        {{- end }}
      {{- end }}
{{- end -}}
