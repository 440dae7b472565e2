//! The shell through one `check`: files and a script in, a transcript out (each command at its
//! virtual time, what it printed, standard error marked, a failing status), compared as a
//! snapshot. Each guide in /work/shared/seeds' README has a tutorial followed command by
//! command here.

use expect_test::{expect, Expect};

use super::*;

/// Files by path; a directory is every file under it.
struct MapFiles<'a>(&'a [(&'a str, &'a str)]);

impl Files for MapFiles<'_> {
    fn read(&self, path: &str) -> Result<Vec<(String, String)>, String> {
        let path = path.trim_start_matches("./").trim_end_matches('/');
        if let Some((name, text)) = self.0.iter().find(|(n, _)| *n == path) {
            return Ok(vec![(name.to_string(), text.to_string())]);
        }
        let dir: Vec<(String, String)> = self
            .0
            .iter()
            .filter(|(n, _)| n.strip_prefix(path).is_some_and(|r| r.starts_with('/')))
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        if dir.is_empty() {
            Err(format!("the path \"{path}\" does not exist"))
        } else {
            Ok(dir)
        }
    }
}

/// Runs `script` in a fresh session (seed 1, three nodes) with `files`, and compares the
/// transcript. Blanks at the ends of lines are dropped: a snapshot cannot hold a line of
/// blanks (describe prints one after a block scalar's last line break).
fn check(files: &[(&str, &str)], script: &str, expect: Expect) {
    let text: String = transcript(files, script)
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    expect.assert_eq(&text);
}

fn transcript(files: &[(&str, &str)], script: &str) -> String {
    let mut shell = Shell::new(Scenario::default());
    let files = MapFiles(files);
    let commands = lex::parse_script(script).expect("the test script reads");
    let mut t = String::new();
    for c in commands {
        let at = shell.now() - shell.scenario().start;
        t.push_str(&format!("[{}] $ {}\n", at.human(), c.text));
        let o = shell.run(&c.words, c.stdin.as_deref(), &files);
        t.push_str(&o.out);
        for line in o.err.lines() {
            t.push_str(&format!("stderr: {line}\n"));
        }
        if o.status != 0 {
            t.push_str(&format!("exit {}\n", o.status));
        }
    }
    t
}

const PI: &str = "https://kubernetes.io/examples/controllers/job.yaml";

/// Guide 000 ("a long guide to Jobs"), its basic Job and its troubleshooting steps: describe
/// the Job, list its pods, read a pod's logs, describe the pod, list the events.
#[test]
fn guide_000_a_basic_job_and_its_troubleshooting_steps() {
    let job = "apiVersion: batch/v1
kind: Job
metadata:
  name: hello-job
spec:
  template:
    spec:
      containers:
      - name: hello
        image: busybox
        command: ['sh', '-c', 'echo \"Hello, Kubernetes!\" && sleep 5']
      restartPolicy: Never
  backoffLimit: 4
";
    check(
        &[("hello-job.yaml", job)],
        "kubectl apply -f hello-job.yaml
kubectl get jobs
kubectl wait --for=condition=complete job/hello-job --timeout=60s
kubectl describe job hello-job
kubectl get pods -l job-name=hello-job
kubectl logs hello-job-d2v22
kubectl describe pod hello-job-d2v22
kubectl get events
",
        expect![[r#"
            [0s] $ kubectl apply -f hello-job.yaml
            job.batch/hello-job created
            [0s] $ kubectl get jobs
            NAME        STATUS    COMPLETIONS   DURATION   AGE
            hello-job   Running   0/1           0s         0s
            [0s] $ kubectl wait --for=condition=complete job/hello-job --timeout=60s
            job.batch/hello-job condition met
            [8s] $ kubectl describe job hello-job
            Name:             hello-job
            Namespace:        default
            Selector:         batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
            Labels:           batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                              batch.kubernetes.io/job-name=hello-job
                              controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                              job-name=hello-job
            Annotations:      <none>
            Parallelism:      1
            Completions:      1
            Completion Mode:  NonIndexed
            Suspend:          false
            Backoff Limit:    4
            Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
            Completed At:     Wed, 01 Jan 2025 00:00:08 +0000
            Duration:         8s
            Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
            Pod Template:
              Labels:  batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       batch.kubernetes.io/job-name=hello-job
                       controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       job-name=hello-job
              Containers:
               hello:
                Image:      busybox
                Port:       <none>
                Host Port:  <none>
                Command:
                  sh
                  -c
                  echo "Hello, Kubernetes!" && sleep 5
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:
              Type    Reason            Age   From            Message
              ----    ------            ----  ----            -------
              Normal  SuccessfulCreate  8s    job-controller  Created pod: hello-job-d2v22
              Normal  Completed         0s    job-controller  Job completed
            [8s] $ kubectl get pods -l job-name=hello-job
            NAME              READY   STATUS      RESTARTS   AGE
            hello-job-d2v22   0/1     Completed   0          8s
            [8s] $ kubectl logs hello-job-d2v22
            Hello, Kubernetes!
            [8s] $ kubectl describe pod hello-job-d2v22
            Name:             hello-job-d2v22
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             node-3/10.0.44.50
            Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
            Labels:           batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                              batch.kubernetes.io/job-name=hello-job
                              controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                              job-name=hello-job
            Annotations:      <none>
            Status:           Succeeded
            IP:               10.244.2.2
            IPs:
              IP:           10.244.2.2
            Controlled By:  Job/hello-job
            Containers:
              hello:
                Image:      busybox
                Port:       <none>
                Host Port:  <none>
                Command:
                  sh
                  -c
                  echo "Hello, Kubernetes!" && sleep 5
                State:          Terminated
                  Reason:       Completed
                  Exit Code:    0
                  Started:      Wed, 01 Jan 2025 00:00:02 +0000
                  Finished:     Wed, 01 Jan 2025 00:00:07 +0000
                Ready:          False
                Restart Count:  0
                Environment:    <none>
                Mounts:         <none>
            Conditions:
              Type                        Status
              PodScheduled                True
              PodReadyToStartContainers   False
              Initialized                 True
              Ready                       False
              ContainersReady             False
            Volumes:                      <none>
            QoS Class:                    BestEffort
            Node-Selectors:               <none>
            Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                          node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
            Events:
              Type    Reason     Age   From               Message
              ----    ------     ----  ----               -------
              Normal  Scheduled  8s    default-scheduler  Successfully assigned default/hello-job-d2v22 to node-3
              Normal  Pulling    8s    kubelet            Pulling image "busybox"
              Normal  Pulled     6s    kubelet            Successfully pulled image "busybox" in 2s (2s including waiting). Image size: 101901353 bytes.
              Normal  Created    6s    kubelet            Created container: hello
              Normal  Started    6s    kubelet            Started container hello
            [8s] $ kubectl get events
            LAST SEEN   TYPE     REASON             OBJECT                MESSAGE
            8s          Normal   Scheduled          pod/hello-job-d2v22   Successfully assigned default/hello-job-d2v22 to node-3
            8s          Normal   Pulling            pod/hello-job-d2v22   Pulling image "busybox"
            6s          Normal   Pulled             pod/hello-job-d2v22   Successfully pulled image "busybox" in 2s (2s including waiting). Image size: 101901353 bytes.
            6s          Normal   Created            pod/hello-job-d2v22   Created container: hello
            6s          Normal   Started            pod/hello-job-d2v22   Started container hello
            8s          Normal   SuccessfulCreate   job/hello-job         Created pod: hello-job-d2v22
            0s          Normal   Completed          job/hello-job         Job completed
        "#]],
    );
}

/// Guide 001 ("a short Jobs page"): its one-shot manifest is mis-indented (`args` and
/// `restartPolicy` sit beside `containers` in the template, not in the container and the pod
/// spec), which kubectl's strict field validation refuses; its parallel Job runs, and the
/// clean-up by label removes it.
#[test]
fn guide_001_oneshot_is_refused_and_the_parallel_job_runs_and_is_cleaned_up() {
    let oneshot = "apiVersion: batch/v1
kind: Job
metadata:
  name: oneshot
spec:
  template:
    spec:
      containers:
      - name: kuard
        image: gcr.io/kuar-demo/kuard-amd64:blue
        imagePullPolicy: Always
    args:
    - \"--keygen-enable\"
    - \"--keygen-exit-on-complete\"
    - \"--keygen-num-to-gen=10\"
    restartPolicy: OnFailure
";
    let parallel = "apiVersion: batch/v1
kind: Job
metadata:
  name: parallel
  labels:
    chapter: jobs
spec:
  parallelism: 5
  completions: 10
  template:
    metadata:
      labels:
        chapter: jobs
    spec:
      containers:
      - name: kuard
        image: gcr.io/kuar-demo/kuard-amd64:blue
        imagePullPolicy: Always
        args:
        - \"--keygen-enable\"
        - \"--keygen-exit-on-complete\"
        - \"--keygen-num-to-gen=10\"
      restartPolicy: OnFailure
";
    check(
        &[
            ("job-oneshot.yaml", oneshot),
            ("job-parallel.yaml", parallel),
        ],
        "kubectl apply -f job-oneshot.yaml
kubectl apply -f job-parallel.yaml
sleep 15
kubectl get jobs
kubectl get pods -l chapter=jobs
kubectl delete rs,svc,job -l chapter=jobs
kubectl get pods
",
        expect![[r#"
            [0s] $ kubectl apply -f job-oneshot.yaml
            stderr: Error from server (BadRequest): error when creating "job-oneshot.yaml": Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.template.args", unknown field "spec.template.restartPolicy"
            exit 1
            [0s] $ kubectl apply -f job-parallel.yaml
            job.batch/parallel created
            [0s] $ sleep 15
            [15s] $ kubectl get jobs
            NAME       STATUS    COMPLETIONS   DURATION   AGE
            parallel   Running   5/10          15s        15s
            [15s] $ kubectl get pods -l chapter=jobs
            NAME             READY   STATUS      RESTARTS   AGE
            parallel-d2v22   0/1     Completed   0          15s
            parallel-fswgh   1/1     Running     0          2s
            parallel-fz6jp   0/1     Completed   0          15s
            parallel-hr88c   1/1     Running     0          2s
            parallel-jw4vs   0/1     Completed   0          15s
            parallel-lcwks   1/1     Running     0          2s
            parallel-mk2rf   1/1     Running     0          2s
            parallel-vvm7h   0/1     Completed   0          15s
            parallel-wgknl   1/1     Running     0          2s
            parallel-zsmkf   0/1     Completed   0          15s
            [15s] $ kubectl delete rs,svc,job -l chapter=jobs
            job.batch "parallel" deleted from default namespace
            [15s] $ kubectl get pods
            NAME             READY   STATUS        RESTARTS   AGE
            parallel-fswgh   0/1     Terminating   0          2s
            parallel-hr88c   0/1     Terminating   0          2s
            parallel-lcwks   0/1     Terminating   0          2s
            parallel-mk2rf   0/1     Terminating   0          2s
            parallel-wgknl   0/1     Terminating   0          2s
        "#]],
    );
}

/// Guide 002 (the kubernetes.io "Run Jobs" tasks): "Running Automated Tasks with a CronJob",
/// from `kubectl create -f` of the example URL to deleting the CronJob (the guide's
/// `get jobs --watch` becomes a wait of a minute).
#[test]
fn guide_002_the_cronjob_task() {
    check(
        &[],
        "kubectl create -f https://k8s.io/examples/application/job/cronjob.yaml
kubectl get cronjob hello
sleep 70
kubectl get jobs
kubectl get cronjob hello
kubectl get pods --selector=job-name=hello-28928161
kubectl logs hello-28928161-d2v22
kubectl delete cronjob hello
kubectl get jobs
",
        expect![[r#"
            [0s] $ kubectl create -f https://k8s.io/examples/application/job/cronjob.yaml
            cronjob.batch/hello created
            [0s] $ kubectl get cronjob hello
            NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
            hello   * * * * *   <none>     False     0        <none>          0s
            [0s] $ sleep 70
            [1m10s] $ kubectl get jobs
            NAME             STATUS     COMPLETIONS   DURATION   AGE
            hello-28928161   Complete   1/1           3s         10s
            [1m10s] $ kubectl get cronjob hello
            NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
            hello   * * * * *   <none>     False     0        10s             70s
            [1m10s] $ kubectl get pods --selector=job-name=hello-28928161
            NAME                   READY   STATUS      RESTARTS   AGE
            hello-28928161-d2v22   0/1     Completed   0          10s
            [1m10s] $ kubectl logs hello-28928161-d2v22
            Wed Jan  1 00:01:02 UTC 2025
            Hello from the Kubernetes cluster
            [1m10s] $ kubectl delete cronjob hello
            cronjob.batch "hello" deleted from default namespace
            [1m10s] $ kubectl get jobs
            stderr: No resources found in default namespace.
        "#]],
    );
}

/// Guide 002: "Indexed Job for Parallel Processing with Static Work Assignment".
#[test]
fn guide_002_the_indexed_job_task() {
    check(
        &[],
        "kubectl apply -f https://kubernetes.io/examples/application/job/indexed-job.yaml
# The check for condition name is case insensitive
kubectl wait --for=condition=complete --timeout=300s job/indexed-job
kubectl describe jobs/indexed-job
kubectl logs indexed-job-4-6jpcn # Change this to match the name of a Pod from that Job
",
        expect![[r#"
            [0s] $ kubectl apply -f https://kubernetes.io/examples/application/job/indexed-job.yaml
            job.batch/indexed-job created
            [0s] $ kubectl wait --for=condition=complete --timeout=300s job/indexed-job
            job.batch/indexed-job condition met
            [10s] $ kubectl describe jobs/indexed-job
            Name:               indexed-job
            Namespace:          default
            Selector:           batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
            Labels:             batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                                batch.kubernetes.io/job-name=indexed-job
                                controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                                job-name=indexed-job
            Annotations:        <none>
            Parallelism:        3
            Completions:        5
            Completion Mode:    Indexed
            Suspend:            false
            Backoff Limit:      6
            Start Time:         Wed, 01 Jan 2025 00:00:00 +0000
            Completed At:       Wed, 01 Jan 2025 00:00:10 +0000
            Duration:           10s
            Pods Statuses:      0 Active (0 Ready) / 5 Succeeded / 0 Failed
            Completed Indexes:  0-4
            Pod Template:
              Labels:  batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       batch.kubernetes.io/job-name=indexed-job
                       controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       job-name=indexed-job
              Init Containers:
               input:
                Image:      docker.io/library/bash
                Port:       <none>
                Host Port:  <none>
                Command:
                  bash
                  -c
                  items=(foo bar baz qux xyz)
                  echo ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt

                Environment:  <none>
                Mounts:
                  /input from input (rw)
              Containers:
               worker:
                Image:      docker.io/library/busybox
                Port:       <none>
                Host Port:  <none>
                Command:
                  rev
                  /input/data.txt
                Environment:  <none>
                Mounts:
                  /input from input (rw)
              Volumes:
               input:
                Type:          EmptyDir (a temporary directory that shares a pod's lifetime)
                Medium:
                SizeLimit:     <unset>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:
              Type    Reason            Age   From            Message
              ----    ------            ----  ----            -------
              Normal  SuccessfulCreate  10s   job-controller  Created pod: indexed-job-0-d2v22
              Normal  SuccessfulCreate  10s   job-controller  Created pod: indexed-job-1-zsmkf
              Normal  SuccessfulCreate  10s   job-controller  Created pod: indexed-job-2-jw4vs
              Normal  SuccessfulCreate  5s    job-controller  Created pod: indexed-job-3-m7hfz
              Normal  SuccessfulCreate  5s    job-controller  Created pod: indexed-job-4-6jpcn
              Normal  Completed         0s    job-controller  Job completed
            [10s] $ kubectl logs indexed-job-4-6jpcn # Change this to match the name of a Pod from that Job
            zyx
            stderr: Defaulted container "worker" out of: worker, input (init)
        "#]],
    );
}

/// Guide 002: "Parallel Processing using Expansions": three Jobs from a directory, listed and
/// deleted by their label.
#[test]
fn guide_002_the_expansions_task() {
    let job = |item: &str| {
        format!(
            "apiVersion: batch/v1
kind: Job
metadata:
  name: process-item-{item}
  labels:
    jobgroup: jobexample
spec:
  template:
    metadata:
      name: jobexample
      labels:
        jobgroup: jobexample
    spec:
      containers:
      - name: c
        image: busybox:1.28
        command: [\"sh\", \"-c\", \"echo Processing item {item} && sleep 5\"]
      restartPolicy: Never
"
        )
    };
    let (a, b, c) = (job("apple"), job("banana"), job("cherry"));
    check(
        &[
            ("jobs/job-apple.yaml", &a),
            ("jobs/job-banana.yaml", &b),
            ("jobs/job-cherry.yaml", &c),
        ],
        "kubectl create -f ./jobs
kubectl get jobs -l jobgroup=jobexample
kubectl get pods -l jobgroup=jobexample
sleep 10
kubectl logs -l jobgroup=jobexample
kubectl delete job -l jobgroup=jobexample
",
        expect![[r#"
            [0s] $ kubectl create -f ./jobs
            job.batch/process-item-apple created
            job.batch/process-item-banana created
            job.batch/process-item-cherry created
            [0s] $ kubectl get jobs -l jobgroup=jobexample
            NAME                  STATUS    COMPLETIONS   DURATION   AGE
            process-item-apple    Running   0/1           0s         0s
            process-item-banana   Running   0/1           0s         0s
            process-item-cherry   Running   0/1           0s         0s
            [0s] $ kubectl get pods -l jobgroup=jobexample
            NAME                        READY   STATUS              RESTARTS   AGE
            process-item-apple-d2v22    0/1     ContainerCreating   0          0s
            process-item-banana-zsmkf   0/1     ContainerCreating   0          0s
            process-item-cherry-jw4vs   0/1     ContainerCreating   0          0s
            [0s] $ sleep 10
            [10s] $ kubectl logs -l jobgroup=jobexample
            Processing item apple
            Processing item banana
            Processing item cherry
            [10s] $ kubectl delete job -l jobgroup=jobexample
            job.batch "process-item-apple" deleted from default namespace
            job.batch "process-item-banana" deleted from default namespace
            job.batch "process-item-cherry" deleted from default namespace
        "#]],
    );
}

/// Guide 002: "Handling retriable and non-retriable pod failures with Pod failure policy", its
/// first example: exit code 42 fails the whole Job after about 30 s.
#[test]
fn guide_002_the_pod_failure_policy_task() {
    check(
        &[],
        "kubectl create -f https://kubernetes.io/examples/controllers/job-pod-failure-policy-failjob.yaml
sleep 40
kubectl get jobs -l job-name=job-pod-failure-policy-failjob -o yaml
kubectl delete jobs/job-pod-failure-policy-failjob
",
        expect![[r#"
            [0s] $ kubectl create -f https://kubernetes.io/examples/controllers/job-pod-failure-policy-failjob.yaml
            job.batch/job-pod-failure-policy-failjob created
            [0s] $ sleep 40
            [40s] $ kubectl get jobs -l job-name=job-pod-failure-policy-failjob -o yaml
            apiVersion: v1
            items:
            - apiVersion: batch/v1
              kind: Job
              metadata:
                creationTimestamp: "2025-01-01T00:00:00Z"
                generation: 1
                labels:
                  batch.kubernetes.io/controller-uid: 6f68261b-8937-4b46-9ae4-ac0b28375201
                  batch.kubernetes.io/job-name: job-pod-failure-policy-failjob
                  controller-uid: 6f68261b-8937-4b46-9ae4-ac0b28375201
                  job-name: job-pod-failure-policy-failjob
                name: job-pod-failure-policy-failjob
                namespace: default
                resourceVersion: "8"
                uid: 6f68261b-8937-4b46-9ae4-ac0b28375201
              spec:
                backoffLimit: 6
                completionMode: NonIndexed
                completions: 8
                manualSelector: false
                parallelism: 2
                podFailurePolicy:
                  rules:
                  - action: FailJob
                    onExitCodes:
                      containerName: main
                      operator: In
                      values:
                      - 42
                podReplacementPolicy: Failed
                selector:
                  matchLabels:
                    batch.kubernetes.io/controller-uid: 6f68261b-8937-4b46-9ae4-ac0b28375201
                suspend: false
                template:
                  metadata:
                    labels:
                      batch.kubernetes.io/controller-uid: 6f68261b-8937-4b46-9ae4-ac0b28375201
                      batch.kubernetes.io/job-name: job-pod-failure-policy-failjob
                      controller-uid: 6f68261b-8937-4b46-9ae4-ac0b28375201
                      job-name: job-pod-failure-policy-failjob
                  spec:
                    containers:
                    - args:
                      - -c
                      - echo "Hello world! I'm going to exit with 42 to simulate a software bug." && sleep 30 && exit 42
                      command:
                      - bash
                      image: docker.io/library/bash:5
                      imagePullPolicy: IfNotPresent
                      name: main
                      terminationMessagePath: /dev/termination-log
                      terminationMessagePolicy: File
                    dnsPolicy: ClusterFirst
                    restartPolicy: Never
                    schedulerName: default-scheduler
                    securityContext: {}
                    terminationGracePeriodSeconds: 30
              status:
                conditions:
                - lastProbeTime: "2025-01-01T00:00:33Z"
                  lastTransitionTime: "2025-01-01T00:00:33Z"
                  message: Container main for pod default/job-pod-failure-policy-failjob-d2v22 failed with exit code 42 matching FailJob rule at index 0
                  reason: PodFailurePolicy
                  status: "True"
                  type: FailureTarget
                - lastProbeTime: "2025-01-01T00:00:33Z"
                  lastTransitionTime: "2025-01-01T00:00:33Z"
                  message: Container main for pod default/job-pod-failure-policy-failjob-d2v22 failed with exit code 42 matching FailJob rule at index 0
                  reason: PodFailurePolicy
                  status: "True"
                  type: Failed
                failed: 2
                ready: 0
                startTime: "2025-01-01T00:00:00Z"
                terminating: 0
            kind: List
            metadata:
              resourceVersion: ""
            [40s] $ kubectl delete jobs/job-pod-failure-policy-failjob
            job.batch "job-pod-failure-policy-failjob" deleted from default namespace
        "#]],
    );
}

/// Guide 003 (a hands-on tutorial), Example 1: the data-processing Job, applied, watched,
/// described, its logs read by label and its status read as YAML.
#[test]
fn guide_003_the_data_processing_job() {
    let job = "apiVersion: batch/v1
kind: Job
metadata:
  name: data-processing-job
  labels:
    app: data-processor
spec:
  # Job will complete when 1 pod succeeds
  completions: 1

  # Only 1 pod will run at a time
  parallelism: 1

  # Retry up to 3 times if pods fail
  backoffLimit: 3

  # Pod template
  template:
    metadata:
      labels:
        app: data-processor
        job: data-processing
    spec:
      restartPolicy: Never  # Important: Jobs need Never or OnFailure
      containers:
      - name: processor
        image: busybox:1.35
        command:
        - /bin/sh
        - -c
        - |
          echo \"Starting data processing job at $(date)\"
          echo \"Processing file: input-data.txt\"

          # Simulate data processing work
          for i in $(seq 1 10); do
            echo \"Processing record $i/10\"
            sleep 2
          done

          echo \"Data processing completed successfully at $(date)\"
          echo \"Results written to: output-results.txt\"

          # Exit with success
          exit 0
        resources:
          requests:
            memory: \"64Mi\"
            cpu: \"100m\"
          limits:
            memory: \"128Mi\"
            cpu: \"200m\"
";
    check(
        &[("data-processing-job.yaml", job)],
        "# Create the job
kubectl apply -f data-processing-job.yaml
kubectl get jobs
sleep 30
kubectl get jobs
kubectl describe job data-processing-job
kubectl logs -l job=data-processing
kubectl get job data-processing-job -o yaml
",
        expect![[r#"
            [0s] $ kubectl apply -f data-processing-job.yaml
            job.batch/data-processing-job created
            [0s] $ kubectl get jobs
            NAME                  STATUS    COMPLETIONS   DURATION   AGE
            data-processing-job   Running   0/1           0s         0s
            [0s] $ sleep 30
            [30s] $ kubectl get jobs
            NAME                  STATUS     COMPLETIONS   DURATION   AGE
            data-processing-job   Complete   1/1           23s        30s
            [30s] $ kubectl describe job data-processing-job
            Name:             data-processing-job
            Namespace:        default
            Selector:         batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
            Labels:           app=data-processor
            Annotations:      <none>
            Parallelism:      1
            Completions:      1
            Completion Mode:  NonIndexed
            Suspend:          false
            Backoff Limit:    3
            Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
            Completed At:     Wed, 01 Jan 2025 00:00:23 +0000
            Duration:         23s
            Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
            Pod Template:
              Labels:  app=data-processor
                       batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       batch.kubernetes.io/job-name=data-processing-job
                       controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       job=data-processing
                       job-name=data-processing-job
              Containers:
               processor:
                Image:      busybox:1.35
                Port:       <none>
                Host Port:  <none>
                Command:
                  /bin/sh
                  -c
                  echo "Starting data processing job at $(date)"
                  echo "Processing file: input-data.txt"

                  # Simulate data processing work
                  for i in $(seq 1 10); do
                    echo "Processing record $i/10"
                    sleep 2
                  done

                  echo "Data processing completed successfully at $(date)"
                  echo "Results written to: output-results.txt"

                  # Exit with success
                  exit 0

                Limits:
                  cpu:     200m
                  memory:  128Mi
                Requests:
                  cpu:         100m
                  memory:      64Mi
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:
              Type    Reason            Age   From            Message
              ----    ------            ----  ----            -------
              Normal  SuccessfulCreate  30s   job-controller  Created pod: data-processing-job-d2v22
              Normal  Completed         7s    job-controller  Job completed
            [30s] $ kubectl logs -l job=data-processing
            Processing record 3/10
            Processing record 4/10
            Processing record 5/10
            Processing record 6/10
            Processing record 7/10
            Processing record 8/10
            Processing record 9/10
            Processing record 10/10
            Data processing completed successfully at Wed Jan  1 00:00:22 UTC 2025
            Results written to: output-results.txt
            [30s] $ kubectl get job data-processing-job -o yaml
            apiVersion: batch/v1
            kind: Job
            metadata:
              creationTimestamp: "2025-01-01T00:00:00Z"
              generation: 1
              labels:
                app: data-processor
              name: data-processing-job
              namespace: default
              resourceVersion: "7"
              uid: 6f68261b-8937-4b46-9ae4-ac0b28375201
            spec:
              backoffLimit: 3
              completionMode: NonIndexed
              completions: 1
              manualSelector: false
              parallelism: 1
              podReplacementPolicy: TerminatingOrFailed
              selector:
                matchLabels:
                  batch.kubernetes.io/controller-uid: 6f68261b-8937-4b46-9ae4-ac0b28375201
              suspend: false
              template:
                metadata:
                  labels:
                    app: data-processor
                    batch.kubernetes.io/controller-uid: 6f68261b-8937-4b46-9ae4-ac0b28375201
                    batch.kubernetes.io/job-name: data-processing-job
                    controller-uid: 6f68261b-8937-4b46-9ae4-ac0b28375201
                    job: data-processing
                    job-name: data-processing-job
                spec:
                  containers:
                  - command:
                    - /bin/sh
                    - -c
                    - "echo \"Starting data processing job at $(date)\"\necho \"Processing file: input-data.txt\"\n\n# Simulate data processing work\nfor i in $(seq 1 10); do\n  echo \"Processing record $i/10\"\n  sleep 2\ndone\n\necho \"Data processing completed successfully at $(date)\"\necho \"Results written to: output-results.txt\"\n\n# Exit with success\nexit 0\n"
                    image: busybox:1.35
                    imagePullPolicy: IfNotPresent
                    name: processor
                    resources:
                      limits:
                        cpu: 200m
                        memory: 128Mi
                      requests:
                        cpu: 100m
                        memory: 64Mi
                    terminationMessagePath: /dev/termination-log
                    terminationMessagePolicy: File
                  dnsPolicy: ClusterFirst
                  restartPolicy: Never
                  schedulerName: default-scheduler
                  securityContext: {}
                  terminationGracePeriodSeconds: 30
            status:
              completionTime: "2025-01-01T00:00:23Z"
              conditions:
              - lastProbeTime: "2025-01-01T00:00:23Z"
                lastTransitionTime: "2025-01-01T00:00:23Z"
                message: Reached expected number of succeeded pods
                reason: CompletionsReached
                status: "True"
                type: SuccessCriteriaMet
              - lastProbeTime: "2025-01-01T00:00:23Z"
                lastTransitionTime: "2025-01-01T00:00:23Z"
                message: Reached expected number of succeeded pods
                reason: CompletionsReached
                status: "True"
                type: Complete
              ready: 0
              startTime: "2025-01-01T00:00:00Z"
              succeeded: 1
              terminating: 0
        "#]],
    );
}

/// Guide 003, Exercise 2: two Jobs from here-documents piped into `kubectl apply -f -`.
#[test]
fn guide_003_sequential_against_parallel_from_here_documents() {
    check(
        &[],
        "# Sequential job (parallelism: 1)
cat <<EOF | kubectl apply -f -
apiVersion: batch/v1
kind: Job
metadata:
  name: sequential-job
spec:
  completions: 4
  parallelism: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: worker
        image: busybox:1.35
        command: ['sleep', '10']
EOF

# Parallel job (parallelism: 4)
cat <<EOF | kubectl apply -f -
apiVersion: batch/v1
kind: Job
metadata:
  name: parallel-job-demo
spec:
  completions: 4
  parallelism: 4
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: worker
        image: busybox:1.35
        command: ['sleep', '10']
EOF
kubectl wait --for=condition=complete job/sequential-job --timeout=2m
kubectl get jobs
kubectl delete jobs --all
",
        expect![[r#"
            [0s] $ cat <<EOF | kubectl apply -f -
            job.batch/sequential-job created
            [0s] $ cat <<EOF | kubectl apply -f -
            job.batch/parallel-job-demo created
            [0s] $ kubectl wait --for=condition=complete job/sequential-job --timeout=2m
            job.batch/sequential-job condition met
            [46s] $ kubectl get jobs
            NAME                STATUS     COMPLETIONS   DURATION   AGE
            parallel-job-demo   Complete   4/4           13s        46s
            sequential-job      Complete   4/4           46s        46s
            [46s] $ kubectl delete jobs --all
            job.batch "parallel-job-demo" deleted from default namespace
            job.batch "sequential-job" deleted from default namespace
        "#]],
    );
}

/// The kubernetes.io pi Job, step by step: apply, get, describe, pods by selector, logs; then
/// what kubectl answers to names, types and commands that do not exist.
#[test]
fn the_pi_tutorial_and_kubectls_errors() {
    check(
        &[],
        &format!(
            "kubectl apply -f {PI}
kubectl apply -f {PI}
kubectl create -f {PI}
kubectl get jobs
kubectl get pods
sleep 20
kubectl get all
kubectl get pods --selector=job-name=pi --show-labels
kubectl get job/pi pod/pi-d2v22 -o name
kubectl get job pi nope
kubectl get cronjobs
kubectl get foo
kubectl foo
kubectl gett
kubectl get pods -l 'app in web'
kubectl get jobs --bogus
kubectl logs job/pi
kubectl logs nope
kubectl delete job pi
kubectl get pods
kubectl delete job pi
kubectl version
"
        ),
        expect![[r#"
            [0s] $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
            job.batch/pi created
            [0s] $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
            job.batch/pi unchanged
            [0s] $ kubectl create -f https://kubernetes.io/examples/controllers/job.yaml
            stderr: Error from server (AlreadyExists): error when creating "https://kubernetes.io/examples/controllers/job.yaml": jobs.batch "pi" already exists
            exit 1
            [0s] $ kubectl get jobs
            NAME   STATUS    COMPLETIONS   DURATION   AGE
            pi     Running   0/1           0s         0s
            [0s] $ kubectl get pods
            NAME       READY   STATUS              RESTARTS   AGE
            pi-d2v22   0/1     ContainerCreating   0          0s
            [0s] $ sleep 20
            [20s] $ kubectl get all
            NAME           READY   STATUS      RESTARTS   AGE
            pod/pi-d2v22   0/1     Completed   0          20s

            NAME           STATUS     COMPLETIONS   DURATION   AGE
            job.batch/pi   Complete   1/1           13s        20s
            [20s] $ kubectl get pods --selector=job-name=pi --show-labels
            NAME       READY   STATUS      RESTARTS   AGE   LABELS
            pi-d2v22   0/1     Completed   0          20s   batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201,batch.kubernetes.io/job-name=pi,controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201,job-name=pi
            [20s] $ kubectl get job/pi pod/pi-d2v22 -o name
            job.batch/pi
            pod/pi-d2v22
            [20s] $ kubectl get job pi nope
            NAME   STATUS     COMPLETIONS   DURATION   AGE
            pi     Complete   1/1           13s        20s
            stderr: Error from server (NotFound): jobs.batch "nope" not found
            exit 1
            [20s] $ kubectl get cronjobs
            stderr: No resources found in default namespace.
            [20s] $ kubectl get foo
            stderr: error: the server doesn't have a resource type "foo"
            exit 1
            [20s] $ kubectl foo
            stderr: error: unknown command "foo" for "kubectl"
            stderr:
            stderr: Did you mean this?
            stderr: 	top
            exit 1
            [20s] $ kubectl gett
            stderr: error: unknown command "gett" for "kubectl"
            stderr:
            stderr: Did you mean this?
            stderr: 	set
            stderr: 	get
            exit 1
            [20s] $ kubectl get pods -l 'app in web'
            stderr: error: unable to parse requirement: found 'web' expected: '('
            exit 1
            [20s] $ kubectl get jobs --bogus
            stderr: error: unknown flag: --bogus
            stderr: See 'kubectl get --help' for usage.
            exit 1
            [20s] $ kubectl logs job/pi
            3.1415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679821480865132823066470938446095505822317253594081284811174502841027019385211055596446229489549303819644288109756659334461284756482337867831652712019091456485669234603486104543266482133936072602491412737245870066063155881748815209209628292540917153643678925903600113305305488204665213841469519415116094330572703657595919530921861173819326117931051185480744623799627495673518857527248912279381830119491298336733624406566430860213949463952247371907021798609437027705392171762931767523846748184676694051320005681271452635608277857713427577896091736371787214684409012249534301465495853710507922796892589235420199561121290219608640344181598136297747713099605187072113499999983729780499510597317328160963185950244594553469083026425223082533446850352619311881710100031378387528865875332083814206171776691473035982534904287554687311595628638823537875937519577818577805321712268066130019278766111959092164201989380952572010654858632788659361533818279682303019520353018529689957736225994138912497217752834791315155748572424541506959508295331168617278558890750983817546374649393192550604009277016711390098488240128583616035637076601047101819429555961989467678374494482553797747268471040475346462080466842590694912933136770289891521047521620569660240580381501935112533824300355876402474964732639141992726042699227967823547816360093417216412199245863150302861829745557067498385054945885869269956909272107975093029553211653449872027559602364806654991198818347977535663698074265425278625518184175746728909777727938000816470600161452491921732172147723501414419735685481613611573525521334757418494684385233239073941433345477624168625189835694855620992192221842725502542568876717904946016534668049886272327917860857843838279679766814541009538837863609506800642251252051173929848960841284886269456042419652850222106611863067442786220391949450471237137869609563643719172874677646575739624138908658326459958133904780275901
            [20s] $ kubectl logs nope
            stderr: error: error from server (NotFound): pods "nope" not found in namespace "default"
            exit 1
            [20s] $ kubectl delete job pi
            job.batch "pi" deleted from default namespace
            [20s] $ kubectl get pods
            stderr: No resources found in default namespace.
            [20s] $ kubectl delete job pi
            stderr: Error from server (NotFound): jobs.batch "pi" not found
            exit 1
            [20s] $ kubectl version
            Client Version: v1.37.2
            Kustomize Version: v5.8.1
            Server Version: v1.37.2
        "#]],
    );
}

/// An apply of a changed Job: what update validation lets change is configured (and the
/// controller acts on it), what it does not answers `field is immutable`; patch, label and
/// annotate go the same way.
#[test]
fn changes_to_a_running_job_go_through_update_validation() {
    let job = |extra: &str| {
        format!(
            "apiVersion: batch/v1
kind: Job
metadata:
  name: work
spec:
  completions: 6
{extra}  template:
    spec:
      restartPolicy: Never
      containers:
      - name: w
        image: busybox
        command: ['sh', '-c', 'sleep 30']
"
        )
    };
    let (v1, v2, v3) = (
        job(""),
        job("  parallelism: 3\n"),
        job("  completions: 7\n"),
    );
    check(
        &[
            ("v1.yaml", &v1),
            ("v2.yaml", &v2),
            ("v3.yaml", &v3.replace("  completions: 6\n", "")),
        ],
        r#"kubectl apply -f v1.yaml
sleep 5
kubectl apply -f v2.yaml
kubectl get pods
kubectl apply -f v3.yaml
kubectl patch job work -p '{"spec":{"suspend":true}}'
kubectl patch job work --type=merge -p '{"spec":{"suspend":true}}'
kubectl get jobs
kubectl patch job work --type=json -p '[{"op":"replace","path":"/spec/parallelism","value":1},{"op":"replace","path":"/spec/suspend","value":false}]'
kubectl label job work tier=batch
kubectl label job work tier=other
kubectl annotate job work note=hello
kubectl get job work --show-labels
kubectl patch job work -p '{"spec":{"template":{"spec":{"restartPolicy":"OnFailure"}}}}'
kubectl patch job nope -p '{}'
"#,
        expect![[r#"
            [0s] $ kubectl apply -f v1.yaml
            job.batch/work created
            [0s] $ sleep 5
            [5s] $ kubectl apply -f v2.yaml
            job.batch/work configured
            [5s] $ kubectl get pods
            NAME         READY   STATUS              RESTARTS   AGE
            work-d2v22   1/1     Running             0          5s
            work-smkfj   0/1     ContainerCreating   0          0s
            work-w4vsv   0/1     ContainerCreating   0          0s
            [5s] $ kubectl apply -f v3.yaml
            stderr: The Job "work" is invalid: spec.completions: Invalid value: 7: field is immutable
            exit 1
            [5s] $ kubectl patch job work -p '{"spec":{"suspend":true}}'
            job.batch/work patched
            [5s] $ kubectl patch job work --type=merge -p '{"spec":{"suspend":true}}'
            job.batch/work patched (no change)
            [5s] $ kubectl get jobs
            NAME   STATUS      COMPLETIONS   DURATION   AGE
            work   Suspended   0/6                      5s
            [5s] $ kubectl patch job work --type=json -p '[{"op":"replace","path":"/spec/parallelism","value":1},{"op":"replace","path":"/spec/suspend","value":false}]'
            job.batch/work patched
            [5s] $ kubectl label job work tier=batch
            job.batch/work labeled
            [5s] $ kubectl label job work tier=other
            stderr: error: 'tier' already has a value (batch), and --overwrite is false
            exit 1
            [5s] $ kubectl annotate job work note=hello
            job.batch/work annotated
            [5s] $ kubectl get job work --show-labels
            NAME   STATUS    COMPLETIONS   DURATION   AGE   LABELS
            work   Running   0/6           5s         5s    batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201,batch.kubernetes.io/job-name=work,controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201,job-name=work,tier=batch
            [5s] $ kubectl patch job work -p '{"spec":{"template":{"spec":{"restartPolicy":"OnFailure"}}}}'
            stderr: The Job "work" is invalid: spec.template: Invalid value: {"metadata":{"labels":{"batch.kubernetes.io/controller-uid":"6f68261b-8937-4b46-9ae4-ac0b28375201","batch.kubernetes.io/job-name":"work","controller-uid":"6f68261b-8937-4b46-9ae4-ac0b28375201","job-name":"work"}},"spec":{"containers":[{"name":"w","image":"busybox","command":["sh","-c","sleep 30"],"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"Always"}],"restartPolicy":"OnFailure","terminationGracePeriodSeconds":30,"schedulerName":"default-scheduler","dnsPolicy":"ClusterFirst","securityContext":{}}}: field is immutable
            exit 1
            [5s] $ kubectl patch job nope -p '{}'
            stderr: Error from server (NotFound): jobs.batch "nope" not found
            exit 1
        "#]],
    );
}

/// Guide 002, "Using Pod failure policy to ignore Pod disruptions": the node of a pod is
/// drained before the pod completes; the Ignore rule keeps the failure from counting, and after
/// the uncordon the Job succeeds. Then cordon twice, and a Job made from a CronJob by hand.
#[test]
fn guide_002_the_pod_failure_policy_ignore_task_and_nodes() {
    check(
        &[],
        "kubectl create -f https://kubernetes.io/examples/controllers/job-pod-failure-policy-ignore.yaml
sleep 5
kubectl get pods -l job-name=job-pod-failure-policy-ignore -o wide
kubectl drain nodes/node-3 --ignore-daemonsets --grace-period=0
kubectl get jobs -l job-name=job-pod-failure-policy-ignore
kubectl get nodes
kubectl uncordon nodes/node-3
kubectl wait --for=condition=complete job/job-pod-failure-policy-ignore --timeout=5m
kubectl get jobs
kubectl delete jobs/job-pod-failure-policy-ignore
kubectl cordon node-1
kubectl cordon node-1
kubectl drain node-9
kubectl create -f https://kubernetes.io/examples/application/job/cronjob.yaml
kubectl create job hello-now --from=cronjob/hello
kubectl create job hello-now --from=cronjob/hello
kubectl create job other --from=cronjob/missing
kubectl get jobs
",
        expect![[r#"
            [0s] $ kubectl create -f https://kubernetes.io/examples/controllers/job-pod-failure-policy-ignore.yaml
            job.batch/job-pod-failure-policy-ignore created
            [0s] $ sleep 5
            [5s] $ kubectl get pods -l job-name=job-pod-failure-policy-ignore -o wide
            NAME                                  READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
            job-pod-failure-policy-ignore-d2v22   1/1     Running   0          5s    10.244.0.2   node-1   <none>           <none>
            job-pod-failure-policy-ignore-zsmkf   1/1     Running   0          5s    10.244.2.2   node-3   <none>           <none>
            [5s] $ kubectl drain nodes/node-3 --ignore-daemonsets --grace-period=0
            node/node-3 cordoned
            evicting pod default/job-pod-failure-policy-ignore-zsmkf
            pod/job-pod-failure-policy-ignore-zsmkf evicted
            node/node-3 drained
            [7s] $ kubectl get jobs -l job-name=job-pod-failure-policy-ignore
            NAME                            STATUS    COMPLETIONS   DURATION   AGE
            job-pod-failure-policy-ignore   Running   0/4           7s         7s
            [7s] $ kubectl get nodes
            NAME     STATUS                     ROLES    AGE   VERSION
            node-1   Ready                      <none>   7s    v1.37.2
            node-2   Ready                      <none>   7s    v1.37.2
            node-3   Ready,SchedulingDisabled   <none>   7s    v1.37.2
            [7s] $ kubectl uncordon nodes/node-3
            node/node-3 uncordoned
            [7s] $ kubectl wait --for=condition=complete job/job-pod-failure-policy-ignore --timeout=5m
            job.batch/job-pod-failure-policy-ignore condition met
            [3m20s] $ kubectl get jobs
            NAME                            STATUS     COMPLETIONS   DURATION   AGE
            job-pod-failure-policy-ignore   Complete   4/4           3m20s      3m20s
            [3m20s] $ kubectl delete jobs/job-pod-failure-policy-ignore
            job.batch "job-pod-failure-policy-ignore" deleted from default namespace
            [3m20s] $ kubectl cordon node-1
            node/node-1 cordoned
            [3m20s] $ kubectl cordon node-1
            node/node-1 already cordoned
            [3m20s] $ kubectl drain node-9
            stderr: Error from server (NotFound): nodes "node-9" not found
            exit 1
            [3m20s] $ kubectl create -f https://kubernetes.io/examples/application/job/cronjob.yaml
            cronjob.batch/hello created
            [3m20s] $ kubectl create job hello-now --from=cronjob/hello
            job.batch/hello-now created
            [3m20s] $ kubectl create job hello-now --from=cronjob/hello
            stderr: error: failed to create job: jobs.batch "hello-now" already exists
            exit 1
            [3m20s] $ kubectl create job other --from=cronjob/missing
            stderr: Error from server (NotFound): cronjobs.batch "missing" not found
            exit 1
            [3m20s] $ kubectl get jobs
            NAME        STATUS    COMPLETIONS   DURATION   AGE
            hello-now   Running   0/1           0s         0s
        "#]],
    );
}

/// `wait` that times out, `delete pod` that waits for the pod to go, JSON output, logs of a
/// pod that restarted, and the errors of commands jobplay does not run.
#[test]
fn waits_deletes_json_and_logs_of_restarts() {
    let flaky = "apiVersion: batch/v1
kind: Job
metadata:
  name: flaky
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: OnFailure
      containers:
      - name: main
        image: busybox
        command: ['sh', '-c', 'echo trying; sleep 2; exit 1']
";
    check(
        &[("flaky.yaml", flaky)],
        "kubectl apply -f flaky.yaml
kubectl wait --for=condition=complete job/flaky --timeout=3s
kubectl wait --for=condition=failed job/flaky --timeout=2m
kubectl get job flaky -o json
kubectl apply -f missing.yaml
kubectl apply -f https://example.com/job.yaml
kubectl exec -it flaky -- sh
kubectl get pods -o jsonpath='{.items[0].metadata.name}'
kubectl delete -f flaky.yaml
kubectl wait --for=delete job/flaky --timeout=1s
kubectl delete jobs
kubectl delete jobs --all
sleep 1x
helm install
",
        expect![[r#"
            [0s] $ kubectl apply -f flaky.yaml
            job.batch/flaky created
            [0s] $ kubectl wait --for=condition=complete job/flaky --timeout=3s
            stderr: error: timed out waiting for the condition on jobs/flaky
            exit 1
            [3s] $ kubectl wait --for=condition=failed job/flaky --timeout=2m
            job.batch/flaky condition met
            [7s] $ kubectl get job flaky -o json
            {
                "apiVersion": "batch/v1",
                "kind": "Job",
                "metadata": {
                    "creationTimestamp": "2025-01-01T00:00:00Z",
                    "generation": 1,
                    "labels": {
                        "batch.kubernetes.io/controller-uid": "6f68261b-8937-4b46-9ae4-ac0b28375201",
                        "batch.kubernetes.io/job-name": "flaky",
                        "controller-uid": "6f68261b-8937-4b46-9ae4-ac0b28375201",
                        "job-name": "flaky"
                    },
                    "name": "flaky",
                    "namespace": "default",
                    "resourceVersion": "9",
                    "uid": "6f68261b-8937-4b46-9ae4-ac0b28375201"
                },
                "spec": {
                    "backoffLimit": 0,
                    "completionMode": "NonIndexed",
                    "completions": 1,
                    "manualSelector": false,
                    "parallelism": 1,
                    "podReplacementPolicy": "TerminatingOrFailed",
                    "selector": {
                        "matchLabels": {
                            "batch.kubernetes.io/controller-uid": "6f68261b-8937-4b46-9ae4-ac0b28375201"
                        }
                    },
                    "suspend": false,
                    "template": {
                        "metadata": {
                            "labels": {
                                "batch.kubernetes.io/controller-uid": "6f68261b-8937-4b46-9ae4-ac0b28375201",
                                "batch.kubernetes.io/job-name": "flaky",
                                "controller-uid": "6f68261b-8937-4b46-9ae4-ac0b28375201",
                                "job-name": "flaky"
                            }
                        },
                        "spec": {
                            "containers": [
                                {
                                    "command": [
                                        "sh",
                                        "-c",
                                        "echo trying; sleep 2; exit 1"
                                    ],
                                    "image": "busybox",
                                    "imagePullPolicy": "Always",
                                    "name": "main",
                                    "terminationMessagePath": "/dev/termination-log",
                                    "terminationMessagePolicy": "File"
                                }
                            ],
                            "dnsPolicy": "ClusterFirst",
                            "restartPolicy": "OnFailure",
                            "schedulerName": "default-scheduler",
                            "securityContext": {},
                            "terminationGracePeriodSeconds": 30
                        }
                    }
                },
                "status": {
                    "conditions": [
                        {
                            "lastProbeTime": "2025-01-01T00:00:05Z",
                            "lastTransitionTime": "2025-01-01T00:00:05Z",
                            "message": "Job has reached the specified backoff limit",
                            "reason": "BackoffLimitExceeded",
                            "status": "True",
                            "type": "FailureTarget"
                        },
                        {
                            "lastProbeTime": "2025-01-01T00:00:07Z",
                            "lastTransitionTime": "2025-01-01T00:00:07Z",
                            "message": "Job has reached the specified backoff limit",
                            "reason": "BackoffLimitExceeded",
                            "status": "True",
                            "type": "Failed"
                        }
                    ],
                    "failed": 1,
                    "ready": 0,
                    "startTime": "2025-01-01T00:00:00Z",
                    "terminating": 0
                }
            }
            [7s] $ kubectl apply -f missing.yaml
            stderr: error: the path "missing.yaml" does not exist
            exit 1
            [7s] $ kubectl apply -f https://example.com/job.yaml
            stderr: error: jobplay fetches nothing and has no copy of "https://example.com/job.yaml"; its bundled examples are: https://kubernetes.io/examples/controllers/job.yaml, https://kubernetes.io/examples/application/job/cronjob.yaml, https://kubernetes.io/examples/application/job/indexed-job.yaml, https://kubernetes.io/examples/application/job/indexed-job-vars.yaml, https://kubernetes.io/examples/controllers/job-pod-failure-policy-failjob.yaml, https://kubernetes.io/examples/controllers/job-pod-failure-policy-ignore.yaml, https://kubernetes.io/examples/controllers/job-pod-failure-policy-config-issue.yaml
            exit 1
            [7s] $ kubectl exec -it flaky -- sh
            stderr: jobplay: "kubectl exec" is not simulated; jobplay runs apply, create, get, describe, logs, delete, wait, patch, label, annotate, cordon, uncordon, drain and version
            exit 1
            [7s] $ kubectl get pods -o jsonpath='{.items[0].metadata.name}'
            stderr: error: unable to match a printer suitable for the output format "jsonpath={.items[0].metadata.name}", allowed formats are: json,name,wide,yaml (jobplay does not simulate jsonpath, go-template or custom-columns yet)
            exit 1
            [7s] $ kubectl delete -f flaky.yaml
            job.batch "flaky" deleted from default namespace
            [7s] $ kubectl wait --for=delete job/flaky --timeout=1s
            [7s] $ kubectl delete jobs
            stderr: error: resource(s) were provided, but no name was specified
            exit 1
            [7s] $ kubectl delete jobs --all
            No resources found
            [7s] $ sleep 1x
            stderr: sleep: invalid time interval '1x'
            exit 1
            [7s] $ helm install
            stderr: jobplay shell: helm: command not found (it runs kubectl, sleep, echo, true and false)
            exit 127
        "#]],
    );
}

#[test]
fn data_applied_part_way_through_a_run_is_said_to_count_from_its_start() {
    let config = |mode: &str| {
        format!(
            "apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: {mode}
"
        )
    };
    let (fast, slow) = (config("fast"), config("slow"));
    check(
        &[("fast.yaml", &fast), ("slow.yaml", &slow)],
        "kubectl apply -f fast.yaml
sleep 5
kubectl apply -f fast.yaml
kubectl create -f fast.yaml
kubectl apply -f slow.yaml
",
        expect![[r#"
            [0s] $ kubectl apply -f fast.yaml
            configmap/settings created
            [0s] $ sleep 5
            [5s] $ kubectl apply -f fast.yaml
            configmap/settings unchanged
            [5s] $ kubectl create -f fast.yaml
            stderr: Error from server (AlreadyExists): error when creating "fast.yaml": configmaps "settings" already exists
            exit 1
            [5s] $ kubectl apply -f slow.yaml
            configmap/settings configured
            stderr: jobplay: configmap/settings is taken as present from the run's start: jobplay cannot yet add or change a Service, ConfigMap or Secret part-way through a run
        "#]],
    );
}
