//! The shell through one `check`: files and a script in, a transcript out (each command at its
//! virtual time, what it printed, standard error marked, a failing status), compared as a
//! snapshot. Each guide in /work/shared/seeds' README has a tutorial followed command by
//! command here.

use expect_test::{expect, Expect};

use super::*;
use crate::time::SimTime;

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
    check_on(Scenario::default(), files, script, expect)
}

/// The same on `scenario`'s cluster.
fn check_on(scenario: Scenario, files: &[(&str, &str)], script: &str, expect: Expect) {
    let text: String = transcript(scenario, files, script)
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    expect.assert_eq(&text);
}

fn transcript(scenario: Scenario, files: &[(&str, &str)], script: &str) -> String {
    let mut shell = Shell::new(scenario);
    let files = MapFiles(files);
    let commands = lex::parse_script(script).expect("the test script reads");
    let mut t = String::new();
    for c in commands {
        let at = shell.now() - shell.scenario().start;
        t.push_str(&format!("[{}] $ {}\n", at.human(), c.text));
        let start = shell.scenario().start;
        let o = shell.run(&c.words, c.stdin.as_deref(), &files);
        for line in o.notice.lines() {
            t.push_str(&format!("stderr: {line}\n"));
        }
        // Text that appears later is marked with its instant: `@ 12s`.
        let mut bounds: Vec<(Option<SimTime>, usize, usize)> = vec![(None, 0, 0)];
        bounds.extend(o.stamps.iter().map(|s| (Some(s.at), s.out, s.err)));
        bounds.push((None, o.out.len(), o.err.len()));
        for pair in bounds.windows(2) {
            let ((at, out, err), (_, out_end, err_end)) = (pair[0], pair[1]);
            if let Some(at) = at {
                t.push_str(&format!("@ {}\n", (at - start).human()));
            }
            t.push_str(&o.out[out..out_end]);
            for line in o.err[err..err_end].lines() {
                t.push_str(&format!("stderr: {line}\n"));
            }
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
                Container ID:  containerd://a21f77cd0315c97b61c92fe464292c4a3530932424745e9845c1922d3a217ff1
                Image:         busybox
                Image ID:      docker.io/library/busybox@sha256:c650cf2da71d3c7245912d05235124b0e0aa850f910200248a2876bf665112d1
                Port:          <none>
                Host Port:     <none>
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
                Mounts:
                  /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-8njdq (ro)
            Conditions:
              Type                        Status
              PodScheduled                True
              PodReadyToStartContainers   False
              Initialized                 True
              Ready                       False
              ContainersReady             False
            Volumes:
              kube-api-access-8njdq:
                Type:                    Projected (a volume that contains injected data from multiple sources)
                TokenExpirationSeconds:  3607
                ConfigMapName:           kube-root-ca.crt
                Optional:                false
                DownwardAPI:             true
            QoS Class:                   BestEffort
            Node-Selectors:              <none>
            Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
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
/// from `kubectl create -f` of the example URL to deleting the CronJob (the guide's watch
/// is bounded by `--request-timeout`: the guide stops it by hand, and a CronJob always has
/// more to do; its `pods=$(…)` is written out).
#[test]
fn guide_002_the_cronjob_task() {
    check(
        &[],
        "kubectl create -f https://k8s.io/examples/application/job/cronjob.yaml
kubectl get cronjob hello
kubectl get jobs --watch --request-timeout=70s
kubectl get jobs
kubectl get cronjob hello
kubectl get pods --selector=job-name=hello-28928161 --output=jsonpath={.items[*].metadata.name}
echo
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
            [0s] $ kubectl get jobs --watch --request-timeout=70s
            @ 1m
            NAME             STATUS    COMPLETIONS   DURATION   AGE
            hello-28928161   Running   0/1           0s         0s
            @ 1m3s
            hello-28928161   Complete   1/1           3s         3s
            [1m10s] $ kubectl get jobs
            NAME             STATUS     COMPLETIONS   DURATION   AGE
            hello-28928161   Complete   1/1           3s         10s
            [1m10s] $ kubectl get cronjob hello
            NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
            hello   * * * * *   <none>     False     0        10s             70s
            [1m10s] $ kubectl get pods --selector=job-name=hello-28928161 --output=jsonpath={.items[*].metadata.name}
            hello-28928161-d2v22[1m10s] $ echo

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

/// A new schedule is looked at when it next comes due, not at once
/// (cronjob_controllerv2.go `updateCronJob`): the 00:30 it makes due is not started, 00:40 is.
#[test]
fn a_cron_jobs_new_schedule_starts_at_its_next_time_not_at_the_apply() {
    let cron_job = |schedule: &str| {
        format!(
            "apiVersion: batch/v1
kind: CronJob
metadata:
  name: tick
spec:
  schedule: \"{schedule}\"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: c
            image: busybox
"
        )
    };
    let hourly = cron_job("0 * * * *");
    let ten = cron_job("*/10 * * * *");
    check(
        &[("hourly.yaml", &hourly), ("ten.yaml", &ten)],
        "kubectl apply -f hourly.yaml
sleep 1800
kubectl apply -f ten.yaml
kubectl get jobs
sleep 601
kubectl get jobs
",
        expect![[r#"
            [0s] $ kubectl apply -f hourly.yaml
            cronjob.batch/tick created
            [0s] $ sleep 1800
            [30m] $ kubectl apply -f ten.yaml
            cronjob.batch/tick configured
            [30m] $ kubectl get jobs
            stderr: No resources found in default namespace.
            [30m] $ sleep 601
            [40m1s] $ kubectl get jobs
            NAME            STATUS    COMPLETIONS   DURATION   AGE
            tick-28928200   Running   0/1           1s         1s
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
            stderr: Defaulted container "worker" out of: worker, input (init)
            zyx
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
            stderr: Error from server (NotFound): pods "flaky" not found
            exit 1
            [7s] $ kubectl get pods -o jsonpath='{.items[0].metadata.name}'
            stderr: error: error executing jsonpath "{.items[0].metadata.name}": Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:
            stderr: 	template was:
            stderr: 		{.items[0].metadata.name}
            stderr: 	object given to jsonpath engine was:
            stderr: 		map[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}
            stderr:
            stderr:
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

const TWO_JOBS: &str = "apiVersion: batch/v1
kind: Job
metadata:
  name: quick
  labels:
    chapter: jobs
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ['sh', '-c', 'echo quick; sleep 2']
---
apiVersion: batch/v1
kind: Job
metadata:
  name: slow
  labels:
    chapter: jobs
spec:
  completions: 2
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ['sh', '-c', 'echo slow; sleep 30']
";

/// `-o jsonpath=` with client-go's template language and kubectl's error for an index past
/// an empty list; `-o custom-columns=`; `--sort-by`.
#[test]
fn jsonpath_custom_columns_and_sort_by_print_as_kubectl_prints_them() {
    check(
        &[("jobs.yaml", TWO_JOBS)],
        r#"kubectl get pods -o jsonpath='{.items[0].metadata.name}'
kubectl get pods -o jsonpath='{.items[-1:]}{end}'
kubectl get pods -o jsonpath='{.kind[0]}'
kubectl get pods -o jsonpath='{.metadata[?(@.x==1)]}'
kubectl get pods -o jsonpath='{.apiVersion}{"/"}{.kind}{.items}{"\n"}'
kubectl get pods -o jsonpath='{.items[0'
kubectl get pods -o jsonpath='{.items[?(@.a=="b")]}{#}'
kubectl get pods -o jsonpath
kubectl apply -f jobs.yaml
kubectl wait --for=condition=complete job/quick --timeout=30s
kubectl get pods -l job-name=quick -o jsonpath='{.items[0].spec.nodeName}'
echo
kubectl get pods --selector=job-name=slow --output=jsonpath={.items[*].metadata.name}
echo
kubectl get jobs -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.status.succeeded}{"\n"}{end}'
kubectl get jobs -o jsonpath='{.items[?(@.metadata.name=="slow")].spec.completions}{"\n"}'
kubectl get jobs -o jsonpath='{.items[?(@.status.succeeded==1)].metadata.name}{"\n"}'
kubectl get job quick -o jsonpath='{.metadata.labels}{"\n"}{.spec.template.spec.containers[0].command[2]}{"\n"}{.status.nothing}{"\n"}'
kubectl get jobs -o jsonpath-as-json='{.items[*].spec.parallelism}'
kubectl get job quick -o jsonpath="{..image}{'\n'}{.metadata['name','namespace']}{'\n'}{.spec.template.spec.containers[0].command[-2:]}{'\n'}{.spec.template.spec.containers[0].command[::2]}{'\n'}"
kubectl get pods -o custom-columns=NAME:.metadata.name,JOB:metadata.labels.job-name,NODE:{.spec.nodeName},MISSING:.spec.nothing --sort-by=.spec.nodeName
kubectl get pods -o custom-columns=NAME --no-headers
kubectl get jobs --sort-by=.spec.completions -o name
kubectl get jobs --sort-by='{.metadata.labels}'
kubectl get jobs --sort-by=.spec.nothing
kubectl get jobs -o template
"#,
        expect![[r#"
            [0s] $ kubectl get pods -o jsonpath='{.items[0].metadata.name}'
            stderr: error: error executing jsonpath "{.items[0].metadata.name}": Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:
            stderr: 	template was:
            stderr: 		{.items[0].metadata.name}
            stderr: 	object given to jsonpath engine was:
            stderr: 		map[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}
            stderr:
            stderr:
            exit 1
            [0s] $ kubectl get pods -o jsonpath='{.items[-1:]}{end}'
            stderr: error: error executing jsonpath "{.items[-1:]}{end}": Error executing template: array index out of bounds: index -1, length 0. Printing more information for debugging the template:
            stderr: 	template was:
            stderr: 		{.items[-1:]}{end}
            stderr: 	object given to jsonpath engine was:
            stderr: 		map[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}
            stderr:
            stderr:
            exit 1
            [0s] $ kubectl get pods -o jsonpath='{.kind[0]}'
            stderr: error: error executing jsonpath "{.kind[0]}": Error executing template: string is not array or slice. Printing more information for debugging the template:
            stderr: 	template was:
            stderr: 		{.kind[0]}
            stderr: 	object given to jsonpath engine was:
            stderr: 		map[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}
            stderr:
            stderr:
            exit 1
            [0s] $ kubectl get pods -o jsonpath='{.metadata[?(@.x==1)]}'
            stderr: error: error executing jsonpath "{.metadata[?(@.x==1)]}": Error executing template: map[resourceVersion:] is not array or slice and cannot be filtered. Printing more information for debugging the template:
            stderr: 	template was:
            stderr: 		{.metadata[?(@.x==1)]}
            stderr: 	object given to jsonpath engine was:
            stderr: 		map[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}
            stderr:
            stderr:
            exit 1
            [0s] $ kubectl get pods -o jsonpath='{.apiVersion}{"/"}{.kind}{.items}{"\n"}'
            v1/List[]
            [0s] $ kubectl get pods -o jsonpath='{.items[0'
            stderr: error: error parsing jsonpath {.items[0, unterminated array
            exit 1
            [0s] $ kubectl get pods -o jsonpath='{.items[?(@.a=="b")]}{#}'
            stderr: error: error parsing jsonpath {.items[?(@.a=="b")]}{#}, unrecognized character in action: U+0023 '#'
            exit 1
            [0s] $ kubectl get pods -o jsonpath
            stderr: error: template format specified but no template given
            exit 1
            [0s] $ kubectl apply -f jobs.yaml
            job.batch/quick created
            job.batch/slow created
            [0s] $ kubectl wait --for=condition=complete job/quick --timeout=30s
            job.batch/quick condition met
            [4s] $ kubectl get pods -l job-name=quick -o jsonpath='{.items[0].spec.nodeName}'
            node-2[4s] $ echo

            [4s] $ kubectl get pods --selector=job-name=slow --output=jsonpath={.items[*].metadata.name}
            slow-jw4vs slow-zsmkf[4s] $ echo

            [4s] $ kubectl get jobs -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.status.succeeded}{"\n"}{end}'
            quick	1
            slow
            [4s] $ kubectl get jobs -o jsonpath='{.items[?(@.metadata.name=="slow")].spec.completions}{"\n"}'
            2
            [4s] $ kubectl get jobs -o jsonpath='{.items[?(@.status.succeeded==1)].metadata.name}{"\n"}'
            quick
            [4s] $ kubectl get job quick -o jsonpath='{.metadata.labels}{"\n"}{.spec.template.spec.containers[0].command[2]}{"\n"}{.status.nothing}{"\n"}'
            {"chapter":"jobs"}
            echo quick; sleep 2

            [4s] $ kubectl get jobs -o jsonpath-as-json='{.items[*].spec.parallelism}'
            [
                1,
                2
            ]
            [4s] $ kubectl get job quick -o jsonpath="{..image}{'\n'}{.metadata['name','namespace']}{'\n'}{.spec.template.spec.containers[0].command[-2:]}{'\n'}{.spec.template.spec.containers[0].command[::2]}{'\n'}"
            busybox
            quick default
            -c echo quick; sleep 2
            sh echo quick; sleep 2
            [4s] $ kubectl get pods -o custom-columns=NAME:.metadata.name,JOB:metadata.labels.job-name,NODE:{.spec.nodeName},MISSING:.spec.nothing --sort-by=.spec.nodeName
            NAME          JOB     NODE     MISSING
            slow-zsmkf    slow    node-1   <none>
            quick-d2v22   quick   node-2   <none>
            slow-jw4vs    slow    node-3   <none>
            [4s] $ kubectl get pods -o custom-columns=NAME --no-headers
            stderr: error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>
            exit 1
            [4s] $ kubectl get jobs --sort-by=.spec.completions -o name
            job.batch/quick
            job.batch/slow
            [4s] $ kubectl get jobs --sort-by='{.metadata.labels}'
            stderr: error: unsortable type: map[string]interface {}
            exit 1
            [4s] $ kubectl get jobs --sort-by=.spec.nothing
            stderr: error: couldn't find any field with path "{.spec.nothing}" in the list of objects
            exit 1
            [4s] $ kubectl get jobs -o template
            stderr: error: unable to match a printer suitable for the output format "template", allowed formats are: custom-columns,json,jsonpath,jsonpath-as-json,name,wide,yaml (jobplay does not simulate go-template, kyaml or the -file formats)
            exit 1
        "#]],
    );
}

/// `--field-selector` with the field labels the API server indexes per kind, its error for
/// one it does not, and `delete` with one.
#[test]
fn field_selectors_select_as_the_api_server_does() {
    check(
        &[("jobs.yaml", TWO_JOBS)],
        "kubectl apply -f jobs.yaml
kubectl wait --for=condition=complete job/quick --timeout=30s
kubectl get jobs --field-selector status.successful=1
kubectl get jobs --field-selector=status.successful!=1,metadata.name=slow
kubectl get pods --field-selector=status.phase=Running -o name
kubectl get pods --field-selector spec.nodeName=node-1,status.phase!=Running -o name
kubectl get nodes --field-selector spec.unschedulable=false
kubectl get events --field-selector involvedObject.name=quick
kubectl get jobs --field-selector status.succeeded=1
kubectl get cronjobs --field-selector status.active=1
kubectl get pods --field-selector phase
kubectl get jobs quick --field-selector status.successful=1
kubectl delete jobs --field-selector status.successful=1
kubectl get jobs
kubectl delete jobs --field-selector status.successful=1
kubectl delete job slow --field-selector status.successful=1
kubectl delete rs,svc,job -l chapter=jobs
kubectl delete jobs --all
",
        expect![[r#"
            [0s] $ kubectl apply -f jobs.yaml
            job.batch/quick created
            job.batch/slow created
            [0s] $ kubectl wait --for=condition=complete job/quick --timeout=30s
            job.batch/quick condition met
            [4s] $ kubectl get jobs --field-selector status.successful=1
            NAME    STATUS     COMPLETIONS   DURATION   AGE
            quick   Complete   1/1           4s         4s
            [4s] $ kubectl get jobs --field-selector=status.successful!=1,metadata.name=slow
            NAME   STATUS    COMPLETIONS   DURATION   AGE
            slow   Running   0/2           4s         4s
            [4s] $ kubectl get pods --field-selector=status.phase=Running -o name
            pod/slow-jw4vs
            pod/slow-zsmkf
            [4s] $ kubectl get pods --field-selector spec.nodeName=node-1,status.phase!=Running -o name
            [4s] $ kubectl get nodes --field-selector spec.unschedulable=false
            NAME     STATUS   ROLES    AGE   VERSION
            node-1   Ready    <none>   4s    v1.37.2
            node-2   Ready    <none>   4s    v1.37.2
            node-3   Ready    <none>   4s    v1.37.2
            [4s] $ kubectl get events --field-selector involvedObject.name=quick
            LAST SEEN   TYPE     REASON             OBJECT      MESSAGE
            4s          Normal   SuccessfulCreate   job/quick   Created pod: quick-d2v22
            0s          Normal   Completed          job/quick   Job completed
            [4s] $ kubectl get jobs --field-selector status.succeeded=1
            stderr: Error from server (BadRequest): Unable to find "batch/v1, Resource=jobs" that match label selector "", field selector "status.succeeded=1": field label "status.succeeded" not supported for Job
            exit 1
            [4s] $ kubectl get cronjobs --field-selector status.active=1
            stderr: Error from server (BadRequest): Unable to find "batch/v1, Resource=cronjobs" that match label selector "", field selector "status.active=1": "status.active" is not a known field selector: only "metadata.name", "metadata.namespace"
            exit 1
            [4s] $ kubectl get pods --field-selector phase
            stderr: Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "phase": invalid selector: 'phase'; can't understand 'phase'
            exit 1
            [4s] $ kubectl get jobs quick --field-selector status.successful=1
            stderr: error: name cannot be provided when a selector is specified
            exit 1
            [4s] $ kubectl delete jobs --field-selector status.successful=1
            job.batch "quick" deleted from default namespace
            [4s] $ kubectl get jobs
            NAME   STATUS    COMPLETIONS   DURATION   AGE
            slow   Running   0/2           4s         4s
            [4s] $ kubectl delete jobs --field-selector status.successful=1
            No resources found
            [4s] $ kubectl delete job slow --field-selector status.successful=1
            stderr: error: name cannot be provided when a selector is specified
            exit 1
            [4s] $ kubectl delete rs,svc,job -l chapter=jobs
            job.batch "slow" deleted from default namespace
            [4s] $ kubectl delete jobs --all
            No resources found
        "#]],
    );
}

/// `get --watch` prints the rows, then a row at each instant a watched object changes, each
/// stamped with its time, until the cluster has nothing more to do or `--request-timeout`.
#[test]
fn watches_print_a_row_per_change_as_virtual_time_passes() {
    check(
        &[("jobs.yaml", TWO_JOBS)],
        "kubectl get jobs --watch
kubectl apply -f jobs.yaml
kubectl get jobs --watch --request-timeout=5s
kubectl get pods -w -l job-name=slow --show-labels --request-timeout=1m
kubectl get job quick -o name --watch-only
kubectl create job w --image=busybox -- sleep 3
kubectl get pods -l job-name=w -w -o jsonpath='{.metadata.name} {.status.phase}{\"\\n\"}'
kubectl get job w -w -o jsonpath='{.status.nothing[0]}'
kubectl get jobs -w -o custom-columns=NAME:.metadata.name
kubectl get jobs,pods -w
kubectl get jobs -w --request-timeout=soon
",
        expect![[r#"
            [0s] $ kubectl get jobs --watch
            @ 0s
            stderr: jobplay: the cluster has nothing more to do after 0s; kubectl would go on watching until interrupted
            [0s] $ kubectl apply -f jobs.yaml
            job.batch/quick created
            job.batch/slow created
            [0s] $ kubectl get jobs --watch --request-timeout=5s
            NAME    STATUS    COMPLETIONS   DURATION   AGE
            quick   Running   0/1           0s         0s
            slow    Running   0/2           0s         0s
            @ 3s
            quick   Running   0/1           3s         3s
            slow    Running   0/2           3s         3s
            @ 4s
            quick   Complete   1/1           4s         4s
            [5s] $ kubectl get pods -w -l job-name=slow --show-labels --request-timeout=1m
            NAME         READY   STATUS    RESTARTS   AGE   LABELS
            slow-jw4vs   1/1     Running   0          5s    batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d,batch.kubernetes.io/job-name=slow,controller-uid=2a94fcbf-999d-4de6-a924-92596058869d,job-name=slow
            slow-zsmkf   1/1     Running   0          5s    batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d,batch.kubernetes.io/job-name=slow,controller-uid=2a94fcbf-999d-4de6-a924-92596058869d,job-name=slow
            @ 32s
            slow-jw4vs   0/1     Completed   0          32s   batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d,batch.kubernetes.io/job-name=slow,controller-uid=2a94fcbf-999d-4de6-a924-92596058869d,job-name=slow
            slow-zsmkf   0/1     Completed   0          32s   batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d,batch.kubernetes.io/job-name=slow,controller-uid=2a94fcbf-999d-4de6-a924-92596058869d,job-name=slow
            @ 33s
            slow-jw4vs   0/1     Completed   0          33s   batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d,batch.kubernetes.io/job-name=slow,controller-uid=2a94fcbf-999d-4de6-a924-92596058869d,job-name=slow
            slow-zsmkf   0/1     Completed   0          33s   batch.kubernetes.io/controller-uid=2a94fcbf-999d-4de6-a924-92596058869d,batch.kubernetes.io/job-name=slow,controller-uid=2a94fcbf-999d-4de6-a924-92596058869d,job-name=slow
            @ 34s
            stderr: jobplay: the cluster has nothing more to do after 34s; kubectl would go on watching until interrupted
            [34s] $ kubectl get job quick -o name --watch-only
            @ 34s
            stderr: jobplay: the cluster has nothing more to do after 34s; kubectl would go on watching until interrupted
            [34s] $ kubectl create job w --image=busybox -- sleep 3
            job.batch/w created
            [34s] $ kubectl get pods -l job-name=w -w -o jsonpath='{.metadata.name} {.status.phase}{"\n"}'
            w-m7hfz Pending
            @ 36s
            w-m7hfz Running
            @ 39s
            w-m7hfz Succeeded
            @ 40s
            w-m7hfz Succeeded
            @ 41s
            stderr: jobplay: the cluster has nothing more to do after 41s; kubectl would go on watching until interrupted
            [41s] $ kubectl get job w -w -o jsonpath='{.status.nothing[0]}'
            @ 41s
            stderr: jobplay: the cluster has nothing more to do after 41s; kubectl would go on watching until interrupted
            [41s] $ kubectl get jobs -w -o custom-columns=NAME:.metadata.name
            stderr: jobplay: kubectl get --watch -o custom-columns is not simulated (the table, -o wide, name, yaml, json and jsonpath are)
            exit 1
            [41s] $ kubectl get jobs,pods -w
            stderr: error: you may only specify a single resource type
            exit 1
            [41s] $ kubectl get jobs -w --request-timeout=soon
            stderr: error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)
            exit 1
        "#]],
    );
}

/// `logs` with `--prefix`, `--timestamps`, `--tail`, `-f` (virtual time passes until the
/// followed containers stop), `--max-log-requests`, and a namespace jobplay does not have.
#[test]
fn logs_follow_prefix_timestamps_and_other_namespaces() {
    check(
        &[("jobs.yaml", TWO_JOBS)],
        "kubectl apply -f jobs.yaml
sleep 5
kubectl logs -l 'job-name in (quick,slow)' --prefix=true --timestamps
kubectl logs job/slow --tail=0
kubectl logs -f -l job-name=slow --max-log-requests=1
kubectl logs -f -l job-name=slow --prefix
kubectl logs -f job/quick
kubectl logs -n kube-system -l component=kube-controller-manager
kubectl logs -n kube-system kube-controller-manager
kubectl logs -n kube-system job/slow
kubectl logs -l chapter=jobs --max-log-requests=x
",
        expect![[r#"
            [0s] $ kubectl apply -f jobs.yaml
            job.batch/quick created
            job.batch/slow created
            [0s] $ sleep 5
            [5s] $ kubectl logs -l 'job-name in (quick,slow)' --prefix=true --timestamps
            [pod/quick-d2v22/main] 2025-01-01T00:00:02Z quick
            [pod/slow-jw4vs/main] 2025-01-01T00:00:02Z slow
            [pod/slow-zsmkf/main] 2025-01-01T00:00:02Z slow
            stderr: jobplay: each line is stamped with its container's start: jobplay's containers write their whole log when they start
            [5s] $ kubectl logs job/slow --tail=0
            stderr: Found 2 pods, using pod/slow-jw4vs
            [5s] $ kubectl logs -f -l job-name=slow --max-log-requests=1
            stderr: error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit
            exit 1
            [5s] $ kubectl logs -f -l job-name=slow --prefix
            [pod/slow-jw4vs/main] slow
            [pod/slow-zsmkf/main] slow
            @ 32s
            [32s] $ kubectl logs -f job/quick
            quick
            @ 32s
            [32s] $ kubectl logs -n kube-system -l component=kube-controller-manager
            stderr: No resources found in kube-system namespace.
            [32s] $ kubectl logs -n kube-system kube-controller-manager
            stderr: error: error from server (NotFound): pods "kube-controller-manager" not found in namespace "kube-system"
            exit 1
            [32s] $ kubectl logs -n kube-system job/slow
            stderr: Error from server (NotFound): jobs.batch "slow" not found
            exit 1
            [32s] $ kubectl logs -l chapter=jobs --max-log-requests=x
            stderr: error: invalid argument "x" for "--max-log-requests" flag: strconv.ParseInt: parsing "x": invalid syntax
            stderr: See 'kubectl logs --help' for usage.
            exit 1
        "#]],
    );
}

/// Commands a cluster answers without jobplay simulating them, and those it cannot do, each
/// with its reason.
#[test]
fn commands_a_cluster_answers_and_those_jobplay_cannot_do() {
    check(
        &[("jobs.yaml", TWO_JOBS)],
        "kubectl apply -f jobs.yaml
kubectl wait --for=condition=complete job/quick --timeout=30s
kubectl top pods -l job-name=quick
kubectl top nodes
kubectl scale job slow --replicas=3
kubectl scale job slow
kubectl scale jobs/nothing --replicas=1
kubectl rollout status job/slow
kubectl rollout restart job/slow
kubectl expose job slow --port=80
kubectl exec slow-jw4vs -- ls
kubectl exec -it quick-d2v22 -- sh
kubectl attach nothing
kubectl port-forward pod/slow-jw4vs 8080:80
kubectl cp slow-jw4vs:/tmp/x ./x
kubectl run -i --tty temp --image ubuntu:18.04
kubectl edit job slow
kubectl api-resources
kubectl api-resources --api-group=batch -o name
kubectl version --client
kubectl version -o text
",
        expect![[r#"
            [0s] $ kubectl apply -f jobs.yaml
            job.batch/quick created
            job.batch/slow created
            [0s] $ kubectl wait --for=condition=complete job/quick --timeout=30s
            job.batch/quick condition met
            [4s] $ kubectl top pods -l job-name=quick
            stderr: error: Metrics API not available
            exit 1
            [4s] $ kubectl top nodes
            stderr: error: Metrics API not available
            exit 1
            [4s] $ kubectl scale job slow --replicas=3
            stderr: Error from server (NotFound): the server could not find the requested resource (patch jobs.batch slow)
            stderr: jobplay: a Job has no scale subresource; change its parallelism with kubectl patch job NAME -p '{"spec":{"parallelism":N}}'
            exit 1
            [4s] $ kubectl scale job slow
            stderr: error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0
            exit 1
            [4s] $ kubectl scale jobs/nothing --replicas=1
            stderr: Error from server (NotFound): jobs.batch "nothing" not found
            exit 1
            [4s] $ kubectl rollout status job/slow
            stderr: error: no status viewer has been implemented for Job.batch
            exit 1
            [4s] $ kubectl rollout restart job/slow
            stderr: error: restarting is not supported
            exit 1
            [4s] $ kubectl expose job slow --port=80
            stderr: error: cannot expose a Job.batch
            exit 1
            [4s] $ kubectl exec slow-jw4vs -- ls
            stderr: jobplay: kubectl exec is not simulated: jobplay's containers are simulated from their commands, so there is no process to run another command in
            exit 1
            [4s] $ kubectl exec -it quick-d2v22 -- sh
            stderr: error: cannot exec into a container in a completed pod; current phase is Succeeded
            exit 1
            [4s] $ kubectl attach nothing
            stderr: Error from server (NotFound): pods "nothing" not found
            exit 1
            [4s] $ kubectl port-forward pod/slow-jw4vs 8080:80
            stderr: jobplay: kubectl port-forward is not simulated: jobplay's containers serve no network ports
            exit 1
            [4s] $ kubectl cp slow-jw4vs:/tmp/x ./x
            stderr: jobplay: kubectl cp is not simulated: jobplay's containers have no file systems
            exit 1
            [4s] $ kubectl run -i --tty temp --image ubuntu:18.04
            stderr: jobplay: kubectl run is not simulated: it creates a bare pod, and jobplay simulates pods as the Job controller creates them; try kubectl create job temp --image=IMAGE -- COMMAND
            exit 1
            [4s] $ kubectl edit job slow
            stderr: jobplay: kubectl edit is not simulated: it opens an editor, and jobplay has none; change an object with kubectl patch, or with kubectl apply -f and the changed manifest
            exit 1
            [4s] $ kubectl api-resources
            NAME         SHORTNAMES   APIVERSION   NAMESPACED   KIND
            configmaps   cm           v1           true         ConfigMap
            events       ev           v1           true         Event
            nodes        no           v1           false        Node
            pods         po           v1           true         Pod
            secrets                   v1           true         Secret
            services     svc          v1           true         Service
            cronjobs     cj           batch/v1     true         CronJob
            jobs                      batch/v1     true         Job
            stderr: jobplay: only the resources jobplay simulates are listed; a cluster serves many more
            [4s] $ kubectl api-resources --api-group=batch -o name
            cronjobs.batch
            jobs.batch
            stderr: jobplay: only the resources jobplay simulates are listed; a cluster serves many more
            [4s] $ kubectl version --client
            Client Version: v1.37.2
            Kustomize Version: v5.8.1
            [4s] $ kubectl version -o text
            stderr: error: --output must be 'yaml' or 'json'
            exit 1
        "#]],
    );
}

/// `create job NAME --image=… -- CMD`, `create job --from=cronjob/NAME` and `create cronjob`:
/// the objects kubectl's generators build, through the API server's defaults and validation.
#[test]
fn create_job_and_cronjob_build_objects_as_kubectls_generators_do() {
    check(
        &[],
        "kubectl create job hello --image=busybox -- sh -c 'echo hi'
kubectl wait --for=condition=complete job/hello --timeout=1m
kubectl logs job/hello
kubectl get job hello -o jsonpath='{.spec.template.spec.containers[0].name} {.spec.template.spec.restartPolicy} {.spec.template.spec.containers[0].command}{\"\\n\"}'
kubectl create job hello --image=busybox
kubectl create job Bad_Name --image=busybox
kubectl create job nothing
kubectl create job nothing --image=busybox --from=cronjob/hello
kubectl create job a b --image=busybox
kubectl create job dry --image=busybox --dry-run=client -o yaml
kubectl create cronjob hello --image=busybox --schedule='*/1 * * * *' -- date
kubectl create cronjob hourly --image=busybox
kubectl create cronjob bad --image=busybox --schedule='61 * * * *'
kubectl create cronjob never --image=busybox --schedule='@hourly' --restart=Always
kubectl get cronjob hello -o jsonpath='{.spec.jobTemplate.spec.template.spec.restartPolicy}{\"\\n\"}'
kubectl create job manual --from=cronjob/hello
kubectl create job manual2 --from=cronjob/nothing
kubectl create job manual3 --from=hello
kubectl create job manual4 --from=cronjob/hello -- date
kubectl get job manual -o jsonpath='{.metadata.annotations}{\"\\n\"}'
kubectl patch cronjob hello -p '{\"spec\":{\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"hello\",\"image\":\"busybox:1.36\"}]}}}}}}'
kubectl patch cronjob hello --type=merge -p '{\"spec\":{\"suspend\":true}}'
kubectl get cronjob hello -o jsonpath='{.spec.suspend} {.spec.jobTemplate.spec.template.spec.containers[0].image} {.spec.jobTemplate.spec.template.spec.containers[0].command}{\"\\n\"}'
kubectl patch cronjob hello -p '{\"$patch\":\"replace\"}'
",
        expect![[r#"
            [0s] $ kubectl create job hello --image=busybox -- sh -c 'echo hi'
            job.batch/hello created
            [0s] $ kubectl wait --for=condition=complete job/hello --timeout=1m
            job.batch/hello condition met
            [3s] $ kubectl logs job/hello
            hi
            [3s] $ kubectl get job hello -o jsonpath='{.spec.template.spec.containers[0].name} {.spec.template.spec.restartPolicy} {.spec.template.spec.containers[0].command}{"\n"}'
            hello Never ["sh","-c","echo hi"]
            [3s] $ kubectl create job hello --image=busybox
            stderr: error: failed to create job: jobs.batch "hello" already exists
            exit 1
            [3s] $ kubectl create job Bad_Name --image=busybox
            stderr: error: failed to create job: Job.batch "Bad_Name" is invalid: [metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), spec.template.spec.containers[0].name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')]
            exit 1
            [3s] $ kubectl create job nothing
            stderr: error: either --image or --from must be specified
            exit 1
            [3s] $ kubectl create job nothing --image=busybox --from=cronjob/hello
            stderr: error: either --image or --from must be specified
            exit 1
            [3s] $ kubectl create job a b --image=busybox
            stderr: error: exactly one NAME is required, got 2
            stderr: See 'kubectl create job -h' for help and examples
            exit 1
            [3s] $ kubectl create job dry --image=busybox --dry-run=client -o yaml
            stderr: jobplay: kubectl create job --dry-run=client is not simulated yet: nothing is created
            exit 1
            [3s] $ kubectl create cronjob hello --image=busybox --schedule='*/1 * * * *' -- date
            cronjob.batch/hello created
            [3s] $ kubectl create cronjob hourly --image=busybox
            stderr: error: required flag(s) "schedule" not set
            exit 1
            [3s] $ kubectl create cronjob bad --image=busybox --schedule='61 * * * *'
            stderr: error: failed to create cronjob: CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61
            exit 1
            [3s] $ kubectl create cronjob never --image=busybox --schedule='@hourly' --restart=Always
            stderr: error: failed to create cronjob: CronJob.batch "never" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
            exit 1
            [3s] $ kubectl get cronjob hello -o jsonpath='{.spec.jobTemplate.spec.template.spec.restartPolicy}{"\n"}'
            OnFailure
            [3s] $ kubectl create job manual --from=cronjob/hello
            job.batch/manual created
            [3s] $ kubectl create job manual2 --from=cronjob/nothing
            stderr: Error from server (NotFound): cronjobs.batch "nothing" not found
            exit 1
            [3s] $ kubectl create job manual3 --from=hello
            stderr: error: the server doesn't have a resource type "hello"
            exit 1
            [3s] $ kubectl create job manual4 --from=cronjob/hello -- date
            stderr: error: cannot specify --from and command
            exit 1
            [3s] $ kubectl get job manual -o jsonpath='{.metadata.annotations}{"\n"}'
            {"cronjob.kubernetes.io/instantiate":"manual"}
            [3s] $ kubectl patch cronjob hello -p '{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"hello","image":"busybox:1.36"}]}}}}}}'
            cronjob.batch/hello patched
            [3s] $ kubectl patch cronjob hello --type=merge -p '{"spec":{"suspend":true}}'
            cronjob.batch/hello patched
            [3s] $ kubectl get cronjob hello -o jsonpath='{.spec.suspend} {.spec.jobTemplate.spec.template.spec.containers[0].image} {.spec.jobTemplate.spec.template.spec.containers[0].command}{"\n"}'
            true busybox:1.36 ["date"]
            [3s] $ kubectl patch cronjob hello -p '{"$patch":"replace"}'
            stderr: jobplay: the strategic merge patch directive $patch is not simulated; use --type=merge or --type=json
            exit 1
        "#]],
    );
}

/// Guide 002's pod-failure-policy task with a custom pod condition: the pod waits on an image
/// that does not exist, the user adds a `ConfigIssue` condition through the status
/// subresource, deletes the pod, and the Job fails by its FailJob rule. (`$podName` and
/// `$(date …)` are written out: the shell has no variables yet.)
#[test]
fn guide_002_the_pod_failure_policy_config_issue_task() {
    let patch = r#"status:
  conditions:
  - type: ConfigIssue
    status: "True"
    reason: "NonExistingImage"
    lastTransitionTime: "2025-01-01T00:00:20Z"
"#;
    // A cluster's registries have no `non-existing-repo`; jobplay's default cluster pulls
    // every image, so the scenario names it.
    let scenario = Scenario {
        unavailable_images: vec!["non-existing-repo/*".into()],
        ..Scenario::default()
    };
    check_on(
        scenario,
        &[
            ("job-pod-failure-policy-config-issue.yaml", include_str!("examples/job-pod-failure-policy-config-issue.yaml")),
            ("patch.yaml", patch),
        ],
        "kubectl create -f job-pod-failure-policy-config-issue.yaml
sleep 20
kubectl get pods -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{range .items[*]}{.status.phase} {.status.containerStatuses[0].state.waiting.reason}{\"\\n\"}{end}'
kubectl get pods -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{.items[0].metadata.name}'
echo
kubectl patch pod job-pod-failure-policy-config-issue-d2v22 --subresource=status --patch-file=patch.yaml
kubectl patch pod job-pod-failure-policy-config-issue-d2v22 --subresource=status --patch-file=patch.yaml
kubectl get pod job-pod-failure-policy-config-issue-d2v22 -o jsonpath='{.status.conditions[?(@.type==\"ConfigIssue\")]}{\"\\n\"}'
kubectl patch pod job-pod-failure-policy-config-issue-d2v22 --subresource=status -p '{\"status\":{\"phase\":\"Failed\"}}'
kubectl patch pod job-pod-failure-policy-config-issue-d2v22 --subresource=status --type=json -p '[{\"op\":\"add\",\"path\":\"/status/conditions/-\",\"value\":{\"type\":\"Other\",\"status\":\"False\"}}]'
kubectl delete pods/job-pod-failure-policy-config-issue-d2v22
kubectl wait --for=condition=failed job/job-pod-failure-policy-config-issue --timeout=1m
kubectl get jobs -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{range .items[0].status.conditions[*]}{.type} {.reason}: {.message}{\"\\n\"}{end}'
kubectl patch job job-pod-failure-policy-config-issue --subresource=status -p '{\"status\":{\"active\":0}}'
kubectl patch job job-pod-failure-policy-config-issue --subresource=scale -p '{}'
kubectl delete jobs/job-pod-failure-policy-config-issue
",
        expect![[r#"
            [0s] $ kubectl create -f job-pod-failure-policy-config-issue.yaml
            job.batch/job-pod-failure-policy-config-issue created
            [0s] $ sleep 20
            [20s] $ kubectl get pods -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{range .items[*]}{.status.phase} {.status.containerStatuses[0].state.waiting.reason}{"\n"}{end}'
            Pending ImagePullBackOff
            Pending ImagePullBackOff
            [20s] $ kubectl get pods -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{.items[0].metadata.name}'
            job-pod-failure-policy-config-issue-d2v22[20s] $ echo

            [20s] $ kubectl patch pod job-pod-failure-policy-config-issue-d2v22 --subresource=status --patch-file=patch.yaml
            pod/job-pod-failure-policy-config-issue-d2v22 patched
            [20s] $ kubectl patch pod job-pod-failure-policy-config-issue-d2v22 --subresource=status --patch-file=patch.yaml
            pod/job-pod-failure-policy-config-issue-d2v22 patched (no change)
            [20s] $ kubectl get pod job-pod-failure-policy-config-issue-d2v22 -o jsonpath='{.status.conditions[?(@.type=="ConfigIssue")]}{"\n"}'
            {"lastTransitionTime":"2025-01-01T00:00:20Z","reason":"NonExistingImage","status":"True","type":"ConfigIssue"}
            [20s] $ kubectl patch pod job-pod-failure-policy-config-issue-d2v22 --subresource=status -p '{"status":{"phase":"Failed"}}'
            stderr: jobplay: patching a pod's status beyond its conditions is not simulated: the kubelet owns the rest
            exit 1
            [20s] $ kubectl patch pod job-pod-failure-policy-config-issue-d2v22 --subresource=status --type=json -p '[{"op":"add","path":"/status/conditions/-","value":{"type":"Other","status":"False"}}]'
            stderr: jobplay: setting the Other condition to status "False" is not simulated: jobplay adds conditions with status True
            exit 1
            [20s] $ kubectl delete pods/job-pod-failure-policy-config-issue-d2v22
            pod "job-pod-failure-policy-config-issue-d2v22" deleted from default namespace
            [22s] $ kubectl wait --for=condition=failed job/job-pod-failure-policy-config-issue --timeout=1m
            job.batch/job-pod-failure-policy-config-issue condition met
            [24s] $ kubectl get jobs -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{range .items[0].status.conditions[*]}{.type} {.reason}: {.message}{"\n"}{end}'
            FailureTarget PodFailurePolicy: Pod default/job-pod-failure-policy-config-issue-d2v22 has condition ConfigIssue matching FailJob rule at index 0
            Failed PodFailurePolicy: Pod default/job-pod-failure-policy-config-issue-d2v22 has condition ConfigIssue matching FailJob rule at index 0
            [24s] $ kubectl patch job job-pod-failure-policy-config-issue --subresource=status -p '{"status":{"active":0}}'
            stderr: jobplay: patching the status of job.batch/job-pod-failure-policy-config-issue is not simulated: its controller owns it; jobplay patches a pod's status conditions
            exit 1
            [24s] $ kubectl patch job job-pod-failure-policy-config-issue --subresource=scale -p '{}'
            stderr: jobplay: kubectl patch --subresource=scale is not simulated (status is, for a pod's conditions)
            exit 1
            [24s] $ kubectl delete jobs/job-pod-failure-policy-config-issue
            job.batch "job-pod-failure-policy-config-issue" deleted from default namespace
        "#]],
    );
}

/// The guides' node and listing commands: `get nodes`, `describe nodes`, `describe node
/// NAME`, `describe pods -l`, `get all`, and a drain by `nodes/NAME` with its flags.
#[test]
fn nodes_and_listings_the_guides_use() {
    check(
        &[("jobs.yaml", TWO_JOBS)],
        "kubectl apply -f jobs.yaml
sleep 5
kubectl get all
kubectl get nodes
kubectl describe node node-3
kubectl describe pods -l job-name=quick
kubectl describe job quick --show-events=false
kubectl apply -f jobs.yaml -o name
kubectl drain nodes/node-3 --ignore-daemonsets --grace-period=0
kubectl get nodes
kubectl uncordon nodes/node-3
kubectl describe nodes
",
        expect![[r#"
            [0s] $ kubectl apply -f jobs.yaml
            job.batch/quick created
            job.batch/slow created
            [0s] $ sleep 5
            [5s] $ kubectl get all
            NAME              READY   STATUS      RESTARTS   AGE
            pod/quick-d2v22   0/1     Completed   0          5s
            pod/slow-jw4vs    1/1     Running     0          5s
            pod/slow-zsmkf    1/1     Running     0          5s

            NAME              STATUS     COMPLETIONS   DURATION   AGE
            job.batch/quick   Complete   1/1           4s         5s
            job.batch/slow    Running    0/2           5s         5s
            [5s] $ kubectl get nodes
            NAME     STATUS   ROLES    AGE   VERSION
            node-1   Ready    <none>   5s    v1.37.2
            node-2   Ready    <none>   5s    v1.37.2
            node-3   Ready    <none>   5s    v1.37.2
            [5s] $ kubectl describe node node-3
            Name:               node-3
            Roles:              <none>
            Labels:             kubernetes.io/hostname=node-3
                                kubernetes.io/os=linux
            Annotations:        <none>
            CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000
            Taints:             <none>
            Unschedulable:      false
            Conditions:
              Type    Status   Reason         Message
              Ready   True     KubeletReady   kubelet is posting ready status
            Addresses:
              InternalIP:  10.0.44.50
              Hostname:    node-3
            Allocatable:
              cpu:     4
              memory:  8388608Ki
              pods:    110
            Non-terminated Pods:          (1 in total)
              Namespace   Name         CPU Requests   Age
              default     slow-jw4vs   0              5s
            Events:  <none>
            [5s] $ kubectl describe pods -l job-name=quick
            Name:             quick-d2v22
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             node-2/10.0.44.49
            Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
            Labels:           batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                              batch.kubernetes.io/job-name=quick
                              controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                              job-name=quick
            Annotations:      <none>
            Status:           Succeeded
            IP:               10.244.1.2
            IPs:
              IP:           10.244.1.2
            Controlled By:  Job/quick
            Containers:
              main:
                Container ID:  containerd://6d95f3ca860a7945c9df016a18997e5a8135474494382a0c2dd405c7496e9f9d
                Image:         busybox
                Image ID:      docker.io/library/busybox@sha256:c650cf2da71d3c7245912d05235124b0e0aa850f910200248a2876bf665112d1
                Port:          <none>
                Host Port:     <none>
                Command:
                  sh
                  -c
                  echo quick; sleep 2
                State:          Terminated
                  Reason:       Completed
                  Exit Code:    0
                  Started:      Wed, 01 Jan 2025 00:00:02 +0000
                  Finished:     Wed, 01 Jan 2025 00:00:04 +0000
                Ready:          False
                Restart Count:  0
                Environment:    <none>
                Mounts:
                  /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-sh674 (ro)
            Conditions:
              Type                        Status
              PodScheduled                True
              PodReadyToStartContainers   False
              Initialized                 True
              Ready                       False
              ContainersReady             False
            Volumes:
              kube-api-access-sh674:
                Type:                    Projected (a volume that contains injected data from multiple sources)
                TokenExpirationSeconds:  3607
                ConfigMapName:           kube-root-ca.crt
                Optional:                false
                DownwardAPI:             true
            QoS Class:                   BestEffort
            Node-Selectors:              <none>
            Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                         node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
            Events:
              Type    Reason     Age   From               Message
              ----    ------     ----  ----               -------
              Normal  Scheduled  5s    default-scheduler  Successfully assigned default/quick-d2v22 to node-2
              Normal  Pulling    5s    kubelet            Pulling image "busybox"
              Normal  Pulled     3s    kubelet            Successfully pulled image "busybox" in 2s (2s including waiting). Image size: 101901353 bytes.
              Normal  Created    3s    kubelet            Created container: main
              Normal  Started    3s    kubelet            Started container main
            [5s] $ kubectl describe job quick --show-events=false
            Name:             quick
            Namespace:        default
            Selector:         batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
            Labels:           chapter=jobs
            Annotations:      <none>
            Parallelism:      1
            Completions:      1
            Completion Mode:  NonIndexed
            Suspend:          false
            Backoff Limit:    6
            Start Time:       Wed, 01 Jan 2025 00:00:00 +0000
            Completed At:     Wed, 01 Jan 2025 00:00:04 +0000
            Duration:         4s
            Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
            Pod Template:
              Labels:  batch.kubernetes.io/controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       batch.kubernetes.io/job-name=quick
                       controller-uid=6f68261b-8937-4b46-9ae4-ac0b28375201
                       job-name=quick
              Containers:
               main:
                Image:      busybox
                Port:       <none>
                Host Port:  <none>
                Command:
                  sh
                  -c
                  echo quick; sleep 2
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            [5s] $ kubectl apply -f jobs.yaml -o name
            stderr: jobplay: --output is not simulated yet
            exit 1
            [5s] $ kubectl drain nodes/node-3 --ignore-daemonsets --grace-period=0
            node/node-3 cordoned
            evicting pod default/slow-jw4vs
            pod/slow-jw4vs evicted
            node/node-3 drained
            [6s] $ kubectl get nodes
            NAME     STATUS                     ROLES    AGE   VERSION
            node-1   Ready                      <none>   6s    v1.37.2
            node-2   Ready                      <none>   6s    v1.37.2
            node-3   Ready,SchedulingDisabled   <none>   6s    v1.37.2
            [6s] $ kubectl uncordon nodes/node-3
            node/node-3 uncordoned
            [6s] $ kubectl describe nodes
            Name:               node-1
            Roles:              <none>
            Labels:             kubernetes.io/hostname=node-1
                                kubernetes.io/os=linux
            Annotations:        <none>
            CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000
            Taints:             <none>
            Unschedulable:      false
            Conditions:
              Type    Status   Reason         Message
              Ready   True     KubeletReady   kubelet is posting ready status
            Addresses:
              InternalIP:  10.0.44.48
              Hostname:    node-1
            Allocatable:
              cpu:     4
              memory:  8388608Ki
              pods:    110
            Non-terminated Pods:          (1 in total)
              Namespace   Name         CPU Requests   Age
              default     slow-zsmkf   0              6s
            Events:  <none>


            Name:               node-2
            Roles:              <none>
            Labels:             kubernetes.io/hostname=node-2
                                kubernetes.io/os=linux
            Annotations:        <none>
            CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000
            Taints:             <none>
            Unschedulable:      false
            Conditions:
              Type    Status   Reason         Message
              Ready   True     KubeletReady   kubelet is posting ready status
            Addresses:
              InternalIP:  10.0.44.49
              Hostname:    node-2
            Allocatable:
              cpu:     4
              memory:  8388608Ki
              pods:    110
            Non-terminated Pods:          (0 in total)
            Events:  <none>


            Name:               node-3
            Roles:              <none>
            Labels:             kubernetes.io/hostname=node-3
                                kubernetes.io/os=linux
            Annotations:        <none>
            CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000
            Taints:             <none>
            Unschedulable:      false
            Conditions:
              Type    Status   Reason         Message
              Ready   True     KubeletReady   kubelet is posting ready status
            Addresses:
              InternalIP:  10.0.44.50
              Hostname:    node-3
            Allocatable:
              cpu:     4
              memory:  8388608Ki
              pods:    110
            Non-terminated Pods:          (0 in total)
            Events:
              Type    Reason              Age   From     Message
              ----    ------              ----  ----     -------
              Normal  NodeNotSchedulable  1s    kubelet  Node node-3 status is now: NodeNotSchedulable
              Normal  NodeSchedulable     0s    kubelet  Node node-3 status is now: NodeSchedulable
        "#]],
    );
}

/// `explain` from the API's own field descriptions, laid out as kubectl's plaintext template
/// lays them out.
#[test]
fn explain_prints_the_apis_field_descriptions() {
    check(
        &[],
        "kubectl explain job.spec.backoffLimit
kubectl explain cronjob.spec.concurrencyPolicy
kubectl explain job.spec.template.spec.containers.name
kubectl explain job.spec.podFailurePolicy
kubectl explain job.status --recursive
kubectl explain cronjobs.batch.spec.suspend
kubectl explain job.spec.nothing
kubectl explain pods
kubectl explain foo
kubectl explain
",
        expect![[r#"
            [0s] $ kubectl explain job.spec.backoffLimit
            GROUP:      batch
            KIND:       Job
            VERSION:    v1

            FIELD: backoffLimit <integer>


            DESCRIPTION:
                Specifies the number of retries before marking this job failed. Defaults to
                6, unless backoffLimitPerIndex (only Indexed Job) is specified. When
                backoffLimitPerIndex is specified, backoffLimit defaults to 2147483647.


            [0s] $ kubectl explain cronjob.spec.concurrencyPolicy
            GROUP:      batch
            KIND:       CronJob
            VERSION:    v1

            FIELD: concurrencyPolicy <string>


            DESCRIPTION:
                Specifies how to treat concurrent executions of a Job. Valid values are:

                - "Allow" (default): allows CronJobs to run concurrently; - "Forbid":
                forbids concurrent runs, skipping next run if previous run hasn't finished
                yet; - "Replace": cancels currently running job and replaces it with a new
                one


            [0s] $ kubectl explain job.spec.template.spec.containers.name
            GROUP:      batch
            KIND:       Job
            VERSION:    v1

            FIELD: name <string>


            DESCRIPTION:
                Name of the container specified as a DNS_LABEL. Each container in a pod must
                have a unique name (DNS_LABEL). Cannot be updated.


            [0s] $ kubectl explain job.spec.podFailurePolicy
            GROUP:      batch
            KIND:       Job
            VERSION:    v1

            FIELD: podFailurePolicy <PodFailurePolicy>


            DESCRIPTION:
                Specifies the policy of handling failed pods. In particular, it allows to
                specify the set of actions and conditions which need to be satisfied to take
                the associated action. If empty, the default behaviour applies - the counter
                of failed pods, represented by the jobs's .status.failed field, is
                incremented and it is checked against the backoffLimit. This field cannot be
                used in combination with restartPolicy=OnFailure.
                PodFailurePolicy describes how failed pods influence the backoffLimit.

            FIELDS:
              rules	<[]PodFailurePolicyRule> -required-
                A list of pod failure policy rules. The rules are evaluated in order. Once a
                rule matches a Pod failure, the remaining of the rules are ignored. When no
                rule matches the Pod failure, the default handling applies - the counter of
                pod failures is incremented and it is checked against the backoffLimit. At
                most 20 elements are allowed.


            [0s] $ kubectl explain job.status --recursive
            GROUP:      batch
            KIND:       Job
            VERSION:    v1

            FIELD: status <JobStatus>


            DESCRIPTION:
                Current status of a job. More info:
                https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status
                JobStatus represents the current state of a Job.

            FIELDS:
              active	<integer>
              completedIndexes	<string>
              completionTime	<string>
              conditions	<[]JobCondition>
                lastProbeTime	<string>
                lastTransitionTime	<string>
                message	<string>
                reason	<string>
                status	<string> -required-
                type	<string> -required-
              failed	<integer>
              failedIndexes	<string>
              ready	<integer>
              startTime	<string>
              succeeded	<integer>
              terminating	<integer>
              uncountedTerminatedPods	<UncountedTerminatedPods>
                failed	<[]string>
                succeeded	<[]string>

            [0s] $ kubectl explain cronjobs.batch.spec.suspend
            GROUP:      batch
            KIND:       CronJob
            VERSION:    v1

            FIELD: suspend <boolean>


            DESCRIPTION:
                This flag tells the controller to suspend subsequent executions, it does not
                apply to already started executions.  Defaults to false.


            [0s] $ kubectl explain job.spec.nothing
            stderr: error: field "nothing" does not exist
            exit 1
            [0s] $ kubectl explain pods
            stderr: jobplay: kubectl explain covers jobs and cronjobs (batch/v1), not pods
            exit 1
            [0s] $ kubectl explain foo
            stderr: error: the server doesn't have a resource type "foo"
            exit 1
            [0s] $ kubectl explain
            stderr: error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.
            exit 1
        "#]],
    );
}

/// Guide 003 (a hands-on tutorial), Example 2 and its troubleshooting and cleanup steps: the
/// parallel Job watched (each watch ends when the cluster has nothing more to do), its logs
/// with `--prefix=true`, the events of the Job by field selector, `top`, the controller
/// manager's logs, and the deletions by field selector and `--all`.
#[test]
fn guide_003_the_parallel_job_watched_and_the_troubleshooting_steps() {
    let job = r#"apiVersion: batch/v1
kind: Job
metadata:
  name: parallel-processing-job
  labels:
    app: parallel-processor
spec:
  # Need 5 successful completions
  completions: 5
  
  # Run up to 3 pods in parallel
  parallelism: 3
  
  # Retry up to 2 times
  backoffLimit: 2
  
  template:
    metadata:
      labels:
        app: parallel-processor
    spec:
      restartPolicy: Never
      containers:
      - name: worker
        image: busybox:1.35
        command:
        - /bin/sh
        - -c
        - |
          # Get a unique ID for this pod
          POD_ID=$(hostname | cut -d'-' -f4-)
          echo "Worker $POD_ID starting at $(date)"
          
          # Simulate different processing times
          WORK_TIME=$((5 + RANDOM % 10))
          echo "Worker $POD_ID will work for $WORK_TIME seconds"
          
          # Do the work
          sleep $WORK_TIME
          
          echo "Worker $POD_ID completed successfully at $(date)"
          exit 0
        resources:
          requests:
            memory: "32Mi"
            cpu: "50m"
"#;
    check(
        &[("parallel-job.yaml", job)],
        "kubectl apply -f parallel-job.yaml
kubectl get pods --watch -l app=parallel-processor
kubectl get job parallel-processing-job --watch
kubectl logs -l app=parallel-processor --prefix=true
kubectl get events --field-selector involvedObject.name=parallel-processing-job
kubectl top pods -l job-name=parallel-processing-job
kubectl logs -n kube-system -l component=kube-controller-manager
kubectl delete jobs --field-selector status.successful=1
kubectl delete jobs --all
",
        expect![[r#"
            [0s] $ kubectl apply -f parallel-job.yaml
            job.batch/parallel-processing-job created
            [0s] $ kubectl get pods --watch -l app=parallel-processor
            NAME                            READY   STATUS              RESTARTS   AGE
            parallel-processing-job-d2v22   0/1     ContainerCreating   0          0s
            parallel-processing-job-jw4vs   0/1     ContainerCreating   0          0s
            parallel-processing-job-zsmkf   0/1     ContainerCreating   0          0s
            @ 2s
            parallel-processing-job-d2v22   1/1     Running             0          2s
            parallel-processing-job-jw4vs   1/1     Running             0          2s
            parallel-processing-job-zsmkf   1/1     Running             0          2s
            @ 8s
            parallel-processing-job-jw4vs   0/1     Completed           0          8s
            @ 9s
            parallel-processing-job-cnvkw   1/1     Running             0          0s
            parallel-processing-job-d2v22   0/1     Completed           0          9s
            parallel-processing-job-fz6jp   1/1     Running             0          0s
            parallel-processing-job-jw4vs   0/1     Completed           0          9s
            @ 12s
            parallel-processing-job-zsmkf   0/1     Completed           0          12s
            @ 13s
            parallel-processing-job-zsmkf   0/1     Completed           0          13s
            @ 21s
            parallel-processing-job-cnvkw   0/1     Completed           0          12s
            @ 22s
            parallel-processing-job-cnvkw   0/1     Completed           0          13s
            @ 23s
            parallel-processing-job-fz6jp   0/1     Completed           0          14s
            @ 24s
            stderr: jobplay: the cluster has nothing more to do after 24s; kubectl would go on watching until interrupted
            [24s] $ kubectl get job parallel-processing-job --watch
            NAME                      STATUS     COMPLETIONS   DURATION   AGE
            parallel-processing-job   Complete   5/5           23s        24s
            @ 24s
            stderr: jobplay: the cluster has nothing more to do after 24s; kubectl would go on watching until interrupted
            [24s] $ kubectl logs -l app=parallel-processor --prefix=true
            [pod/parallel-processing-job-cnvkw/worker] Worker cnvkw starting at Wed Jan  1 00:00:09 UTC 2025
            [pod/parallel-processing-job-cnvkw/worker] Worker cnvkw will work for 12 seconds
            [pod/parallel-processing-job-cnvkw/worker] Worker cnvkw completed successfully at Wed Jan  1 00:00:21 UTC 2025
            [pod/parallel-processing-job-d2v22/worker] Worker d2v22 starting at Wed Jan  1 00:00:02 UTC 2025
            [pod/parallel-processing-job-d2v22/worker] Worker d2v22 will work for 7 seconds
            [pod/parallel-processing-job-d2v22/worker] Worker d2v22 completed successfully at Wed Jan  1 00:00:09 UTC 2025
            [pod/parallel-processing-job-fz6jp/worker] Worker fz6jp starting at Wed Jan  1 00:00:09 UTC 2025
            [pod/parallel-processing-job-fz6jp/worker] Worker fz6jp will work for 14 seconds
            [pod/parallel-processing-job-fz6jp/worker] Worker fz6jp completed successfully at Wed Jan  1 00:00:23 UTC 2025
            [pod/parallel-processing-job-jw4vs/worker] Worker jw4vs starting at Wed Jan  1 00:00:02 UTC 2025
            [pod/parallel-processing-job-jw4vs/worker] Worker jw4vs will work for 6 seconds
            [pod/parallel-processing-job-jw4vs/worker] Worker jw4vs completed successfully at Wed Jan  1 00:00:08 UTC 2025
            [pod/parallel-processing-job-zsmkf/worker] Worker zsmkf starting at Wed Jan  1 00:00:02 UTC 2025
            [pod/parallel-processing-job-zsmkf/worker] Worker zsmkf will work for 10 seconds
            [pod/parallel-processing-job-zsmkf/worker] Worker zsmkf completed successfully at Wed Jan  1 00:00:12 UTC 2025
            [24s] $ kubectl get events --field-selector involvedObject.name=parallel-processing-job
            LAST SEEN   TYPE     REASON             OBJECT                        MESSAGE
            24s         Normal   SuccessfulCreate   job/parallel-processing-job   Created pod: parallel-processing-job-d2v22
            24s         Normal   SuccessfulCreate   job/parallel-processing-job   Created pod: parallel-processing-job-zsmkf
            24s         Normal   SuccessfulCreate   job/parallel-processing-job   Created pod: parallel-processing-job-jw4vs
            15s         Normal   SuccessfulCreate   job/parallel-processing-job   Created pod: parallel-processing-job-fz6jp
            15s         Normal   SuccessfulCreate   job/parallel-processing-job   Created pod: parallel-processing-job-cnvkw
            1s          Normal   Completed          job/parallel-processing-job   Job completed
            [24s] $ kubectl top pods -l job-name=parallel-processing-job
            stderr: error: Metrics API not available
            exit 1
            [24s] $ kubectl logs -n kube-system -l component=kube-controller-manager
            stderr: No resources found in kube-system namespace.
            [24s] $ kubectl delete jobs --field-selector status.successful=1
            No resources found
            [24s] $ kubectl delete jobs --all
            job.batch "parallel-processing-job" deleted from default namespace
        "#]],
    );
}

/// An appended output's notice stays first only when nothing was printed before it.
#[test]
fn an_appended_notice_follows_what_was_printed_before_it() {
    let notice = || Output {
        notice: "Found 2 pods, using pod/a\n".into(),
        out: "log\n".into(),
        ..Output::default()
    };
    let mut first = Output::default();
    first.then(notice());
    assert_eq!(
        first.visible_at(SimTime::from_millis(0)),
        ("Found 2 pods, using pod/a\n", "log\n", "")
    );
    let mut first = Output::out("one\n");
    first.then(notice());
    assert_eq!(
        first.visible_at(SimTime::from_millis(0)),
        ("", "one\nlog\n", "Found 2 pods, using pod/a\n")
    );
}

/// Text appended to an output keeps its stamps at its own text, and shows from its time on.
#[test]
fn appended_output_keeps_its_stamps_at_its_text() {
    let at = SimTime::from_millis(5_000);
    let mut first = Output::out("one\n");
    let mut second = Output::out("two\n");
    second.stamp(at);
    second.out.push_str("three\n");
    second.err.push_str("note\n");
    first.then(second);
    assert_eq!(
        first.visible_at(SimTime::from_millis(4_999)),
        ("", "one\ntwo\n", "")
    );
    assert_eq!(first.visible_at(at), ("", "one\ntwo\nthree\n", "note\n"));
    expect![[r#"[Stamp { at: SimTime(5000), out: 8, err: 0 }] "three\n""#]].assert_eq(&format!(
        "{:?} {:?}",
        first.stamps,
        &first.out[first.stamps[0].out..]
    ));
}

/// `wait --for=jsonpath=…[=value]` and `--for=create`, with kubectl's errors for a path that
/// picks a list or nothing to compare.
#[test]
fn waits_for_a_jsonpath_value_and_for_creation() {
    check(
        &[("jobs.yaml", TWO_JOBS)],
        "kubectl apply -f jobs.yaml
kubectl wait --for=jsonpath='{.status.ready}'=2 job/slow --timeout=1m
kubectl wait --for=jsonpath='{.status.succeeded}' job/quick --timeout=1m
kubectl wait --for=jsonpath='{.status.conditions[?(@.type==\"Complete\")].status}'=True job/slow --timeout=1m
kubectl wait --for=jsonpath='{.spec.template}'=x job/slow
kubectl wait --for=jsonpath='{.status.ready}'= job/slow
kubectl wait --for=create job/quick
kubectl wait --for=create job/later --timeout=5s
",
        expect![[r#"
            [0s] $ kubectl apply -f jobs.yaml
            job.batch/quick created
            job.batch/slow created
            [0s] $ kubectl wait --for=jsonpath='{.status.ready}'=2 job/slow --timeout=1m
            job.batch/slow condition met
            [3s] $ kubectl wait --for=jsonpath='{.status.succeeded}' job/quick --timeout=1m
            job.batch/quick condition met
            [4s] $ kubectl wait --for=jsonpath='{.status.conditions[?(@.type=="Complete")].status}'=True job/slow --timeout=1m
            job.batch/slow condition met
            [33s] $ kubectl wait --for=jsonpath='{.spec.template}'=x job/slow
            stderr: error: jsonpath leads to a nested object or list which is not supported
            exit 1
            [33s] $ kubectl wait --for=jsonpath='{.status.ready}'= job/slow
            stderr: error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3
            exit 1
            [33s] $ kubectl wait --for=create job/quick
            job.batch/quick condition met
            [33s] $ kubectl wait --for=create job/later --timeout=5s
            stderr: error: timed out waiting for the condition
            exit 1
        "#]],
    );
}

/// A namespace jobplay does not have is answered as an empty one that does not exist: lists
/// are empty, names are NotFound, creating into it is refused; nodes are cluster-scoped.
#[test]
fn another_namespace_is_empty_and_cannot_be_created_into() {
    check(
        &[("jobs.yaml", TWO_JOBS)],
        "kubectl apply -f jobs.yaml
kubectl get jobs -n other
kubectl get job quick -n other
kubectl get nodes -n other -o name
kubectl describe job quick -n other
kubectl delete job quick -n other
kubectl delete jobs --all -n other
kubectl label job quick a=b -n other
kubectl patch job quick -n other -p '{\"spec\":{\"suspend\":true}}'
kubectl wait --for=condition=complete job/quick -n other
kubectl apply -f jobs.yaml -n other
kubectl create job x --image=busybox -n other
kubectl get jobs -n other -w
kubectl get jobs -o name
",
        expect![[r#"
            [0s] $ kubectl apply -f jobs.yaml
            job.batch/quick created
            job.batch/slow created
            [0s] $ kubectl get jobs -n other
            stderr: No resources found in other namespace.
            [0s] $ kubectl get job quick -n other
            stderr: Error from server (NotFound): jobs.batch "quick" not found
            exit 1
            [0s] $ kubectl get nodes -n other -o name
            node/node-1
            node/node-2
            node/node-3
            [0s] $ kubectl describe job quick -n other
            stderr: Error from server (NotFound): jobs.batch "quick" not found
            exit 1
            [0s] $ kubectl delete job quick -n other
            stderr: Error from server (NotFound): jobs.batch "quick" not found
            exit 1
            [0s] $ kubectl delete jobs --all -n other
            No resources found
            [0s] $ kubectl label job quick a=b -n other
            stderr: Error from server (NotFound): jobs.batch "quick" not found
            exit 1
            [0s] $ kubectl patch job quick -n other -p '{"spec":{"suspend":true}}'
            stderr: Error from server (NotFound): jobs.batch "quick" not found
            exit 1
            [0s] $ kubectl wait --for=condition=complete job/quick -n other
            stderr: Error from server (NotFound): jobs.batch "quick" not found
            exit 1
            [0s] $ kubectl apply -f jobs.yaml -n other
            stderr: Error from server (NotFound): error when creating "jobs.yaml": namespaces "other" not found
            stderr: Error from server (NotFound): error when creating "jobs.yaml": namespaces "other" not found
            exit 1
            [0s] $ kubectl create job x --image=busybox -n other
            stderr: error: failed to create job: namespaces "other" not found
            exit 1
            [0s] $ kubectl get jobs -n other -w
            @ 34s
            stderr: jobplay: the cluster has nothing more to do after 34s; kubectl would go on watching until interrupted
            [34s] $ kubectl get jobs -o name
            job.batch/quick
            job.batch/slow
        "#]],
    );
}

/// A script as `jobplay shell --echo` prints it: each unit echoed, then its output, with
/// standard error marked.
fn check_script(scenario: Scenario, files: &[(&str, &str)], script: &str, expect: Expect) {
    let mut shell = Shell::new(scenario);
    let files = MapFiles(files);
    let mut t = String::new();
    let status = shell.run_script(script, &files, true, &mut |o| {
        for line in o.notice.lines() {
            t.push_str(&format!("stderr: {line}\n"));
        }
        t.push_str(&o.out);
        for line in o.err.lines() {
            t.push_str(&format!("stderr: {line}\n"));
        }
    });
    t.push_str(&format!("exit {status}\n"));
    let text: String = t.lines().map(|l| format!("{}\n", l.trim_end())).collect();
    expect.assert_eq(&text);
}

/// The kubernetes.io Job tutorial as written: its `pods=$(…)` variable, `echo $pods`, `kubectl
/// logs $pods`, and a pipe into `grep` — lines a shell reads, run by the session's sh. The pi
/// pod's `perl -Mbignum=bpi -wle 'print bpi(2000)'` runs in its container (`applets::bpi`), so
/// its log starts with π's digits as on a cluster.
#[test]
fn the_job_tutorials_variables_substitutions_and_pipes_run_as_a_shell_runs_them() {
    check_script(
        Scenario::default(),
        &[],
        r#"kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
kubectl wait --for=condition=complete --timeout=300s job/pi
pods=$(kubectl get pods --selector=batch.kubernetes.io/job-name=pi --output=jsonpath='{.items[*].metadata.name}')
echo $pods
kubectl logs $pods | cut -c1-20
kubectl get job pi -o yaml | grep -A 3 "^status:"
kubectl get pods --no-headers | wc -l
for p in $pods; do kubectl get pod "$p" -o jsonpath='{.status.phase}{"\n"}'; done
nosuch --flag
echo done && kubectl get jobs nosuch || echo "no such job"
"#,
        expect![[r#"
            $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
            job.batch/pi created
            $ kubectl wait --for=condition=complete --timeout=300s job/pi
            job.batch/pi condition met
            $ pods=$(kubectl get pods --selector=batch.kubernetes.io/job-name=pi --output=jsonpath='{.items[*].metadata.name}')
            $ echo $pods
            pi-d2v22
            $ kubectl logs $pods | cut -c1-20
            3.141592653589793238
            $ kubectl get job pi -o yaml | grep -A 3 "^status:"
            status:
              completionTime: "2025-01-01T00:00:13Z"
              conditions:
              - lastProbeTime: "2025-01-01T00:00:13Z"
            $ kubectl get pods --no-headers | wc -l
            1
            $ for p in $pods; do kubectl get pod "$p" -o jsonpath='{.status.phase}{"\n"}'; done
            Succeeded
            $ nosuch --flag
            stderr: sh: nosuch: not found (jobplay's terminal runs kubectl, sleep and busybox's applets: echo, cat, grep, head, tail, wc, cut, sort…)
            $ echo done && kubectl get jobs nosuch || echo "no such job"
            done
            no such job
            stderr: Error from server (NotFound): jobs.batch "nosuch" not found
            exit 0
        "#]],
    );
}

/// Guide 002's config-issue task as the guide writes it: the patch written by `cat <<EOF >
/// patch.yaml` (with `$(date …)` in it), the pod's name in `$podName`, and `kubectl patch`
/// reading the file the shell wrote.
#[test]
fn the_config_issue_task_writes_its_patch_file_and_keeps_its_variable() {
    let scenario = Scenario {
        unavailable_images: vec!["non-existing-repo/*".into()],
        ..Scenario::default()
    };
    check_script(
        scenario,
        &[(
            "job-pod-failure-policy-config-issue.yaml",
            include_str!("examples/job-pod-failure-policy-config-issue.yaml"),
        )],
        r#"kubectl create -f job-pod-failure-policy-config-issue.yaml
sleep 20
cat <<EOF > patch.yaml
status:
  conditions:
  - type: ConfigIssue
    status: "True"
    reason: "NonExistingImage"
    lastTransitionTime: "$(date -u +"%Y-%m-%dT%H:%M:%SZ")"
EOF
cat patch.yaml
podName=$(kubectl get pods -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{.items[0].metadata.name}')
kubectl patch pod $podName --subresource=status --patch-file=patch.yaml
kubectl delete pods/$podName
kubectl get jobs -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{.items[0].status.conditions[*].reason}{"\n"}'
"#,
        expect![[r#"
            $ kubectl create -f job-pod-failure-policy-config-issue.yaml
            job.batch/job-pod-failure-policy-config-issue created
            $ sleep 20
            $ cat <<EOF > patch.yaml
            > status:
            >   conditions:
            >   - type: ConfigIssue
            >     status: "True"
            >     reason: "NonExistingImage"
            >     lastTransitionTime: "$(date -u +"%Y-%m-%dT%H:%M:%SZ")"
            > EOF
            $ cat patch.yaml
            status:
              conditions:
              - type: ConfigIssue
                status: "True"
                reason: "NonExistingImage"
                lastTransitionTime: "2025-01-01T00:00:20Z"
            $ podName=$(kubectl get pods -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{.items[0].metadata.name}')
            $ kubectl patch pod $podName --subresource=status --patch-file=patch.yaml
            pod/job-pod-failure-policy-config-issue-d2v22 patched
            $ kubectl delete pods/$podName
            pod "job-pod-failure-policy-config-issue-d2v22" deleted from default namespace
            $ kubectl get jobs -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{.items[0].status.conditions[*].reason}{"\n"}'
            PodFailurePolicy
            exit 0
        "#]],
    );
}

/// Since 1.36 a suspended Job that has not started may change its scheduling directives: a
/// `nodeSelector` applied to it, then the Job resumed, places its pod by the selector, and a
/// selector no node matches keeps the pod Pending with the scheduler's reason.
#[test]
fn a_suspended_jobs_node_selector_is_edited_and_the_scheduler_follows_it() {
    let job = |suspend: &str, selector: &str| {
        format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: sj\nspec:\n  suspend: {suspend}\n  template:\n    spec:\n{selector}      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n        command: [sleep, '5']\n"
        )
    };
    let (suspended, on_node_3, nowhere) = (
        job("true", ""),
        job(
            "false",
            "      nodeSelector: {kubernetes.io/hostname: node-3}\n",
        ),
        job("false", "      nodeSelector: {disk: ssd}\n"),
    );
    check_script(
        Scenario::default(),
        &[
            ("sj.yaml", &suspended),
            ("node-3.yaml", &on_node_3),
            ("nowhere.yaml", &nowhere),
        ],
        r#"kubectl apply -f sj.yaml
sleep 5
kubectl apply -f node-3.yaml
sleep 3
kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName
kubectl delete job sj
kubectl apply -f sj.yaml
kubectl apply -f nowhere.yaml
sleep 3
kubectl get pods -o custom-columns=NAME:.metadata.name,PHASE:.status.phase
kubectl describe pods | grep FailedScheduling
"#,
        expect![[r#"
            $ kubectl apply -f sj.yaml
            job.batch/sj created
            $ sleep 5
            $ kubectl apply -f node-3.yaml
            job.batch/sj configured
            $ sleep 3
            $ kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName
            NAME       NODE
            sj-d2v22   node-3
            $ kubectl delete job sj
            job.batch "sj" deleted from default namespace
            $ kubectl apply -f sj.yaml
            job.batch/sj created
            $ kubectl apply -f nowhere.yaml
            job.batch/sj configured
            $ sleep 3
            $ kubectl get pods -o custom-columns=NAME:.metadata.name,PHASE:.status.phase
            NAME       PHASE
            sj-zsmkf   Pending
            $ kubectl describe pods | grep FailedScheduling
              Warning  FailedScheduling  3s    default-scheduler  0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.
            exit 0
        "#]],
    );
}

/// A file a line wrote is read by a later line of kubectl commands alone, which runs without
/// the shell (and by `cd`'s directory).
#[test]
fn a_file_written_by_a_redirection_is_read_by_a_plain_kubectl_line() {
    check_script(
        Scenario::default(),
        &[],
        r#"mkdir -p demo && cd demo
cat <<EOF > j.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: hello
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox, command: [sleep, "1"]}]
EOF
kubectl apply -f j.yaml && kubectl get jobs -o name
kubectl apply -f /root/demo/j.yaml
kubectl apply -f missing.yaml
"#,
        expect![[r#"
            $ mkdir -p demo && cd demo
            $ cat <<EOF > j.yaml
            > apiVersion: batch/v1
            > kind: Job
            > metadata:
            >   name: hello
            > spec:
            >   template:
            >     spec:
            >       restartPolicy: Never
            >       containers: [{name: c, image: busybox, command: [sleep, "1"]}]
            > EOF
            $ kubectl apply -f j.yaml && kubectl get jobs -o name
            job.batch/hello created
            job.batch/hello
            $ kubectl apply -f /root/demo/j.yaml
            job.batch/hello unchanged
            $ kubectl apply -f missing.yaml
            stderr: error: the path "missing.yaml" does not exist
            exit 1
        "#]],
    );
}

#[test]
fn a_line_is_open_while_a_shell_would_ask_for_more() {
    for (text, open) in [
        ("cat <<EOF > note.txt", true),
        ("cat <<EOF > note.txt\nhello", true),
        ("cat <<EOF > note.txt\nhello\nEOF", false),
        ("echo 'a", true),
        ("kubectl get pods \\", true),
        ("kubectl get pods &&", true),
        ("for i in 1 2; do", true),
        ("kubectl get pods", false),
        ("kubectl get pods )", false),
        // The line being typed ends with Enter: after a `\` line, an empty one runs it.
        ("kubectl get pods \\\n", true),
        ("kubectl get pods \\\n\n", false),
        ("echo \\\\", false),
        ("kubectl get pods # a comment\\", false),
        ("kubectl get pods \\ ", false),
    ] {
        assert_eq!(is_open(text), open, "{text:?}");
    }
    assert!(syntax_error("kubectl get pods )").is_some());
    assert!(syntax_error("cat <<EOF\nhello\nEOF").is_none());
}

/// A terminal shows the two streams as they are written: what reaches standard error before
/// any output shows first. kubectl's notices (`Defaulted container …` before the logs, even
/// through a pipe; the force-deletion warning before `deleted`) and an earlier command's
/// error on the line come first; an error after output comes after it.
#[test]
fn standard_error_written_before_the_output_shows_first() {
    let job = r#"apiVersion: batch/v1
kind: Job
metadata: {name: two}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers: [{name: setup, image: busybox, command: [sh, -c, "echo ready > /work/flag"], volumeMounts: [{name: work, mountPath: /work}]}]
      containers: [{name: main, image: busybox, command: [sh, -c, "cat /work/flag; echo done"], volumeMounts: [{name: work, mountPath: /work}]}]
      volumes: [{name: work, emptyDir: {}}]
"#;
    check_script(
        Scenario::default(),
        &[("job.yaml", job)],
        r#"kubectl apply -f job.yaml
kubectl wait --for=condition=complete job/two --timeout=60s
kubectl logs job/two
kubectl logs job/two | tr a-z A-Z
kubectl get nosuch; echo after
echo before; kubectl get nosuch
kubectl delete job two --grace-period=0 --force
"#,
        expect![[r#"
            $ kubectl apply -f job.yaml
            job.batch/two created
            $ kubectl wait --for=condition=complete job/two --timeout=60s
            job.batch/two condition met
            $ kubectl logs job/two
            stderr: Defaulted container "main" out of: main, setup (init)
            ready
            done
            $ kubectl logs job/two | tr a-z A-Z
            stderr: Defaulted container "main" out of: main, setup (init)
            READY
            DONE
            $ kubectl get nosuch; echo after
            stderr: error: the server doesn't have a resource type "nosuch"
            after
            $ echo before; kubectl get nosuch
            before
            stderr: error: the server doesn't have a resource type "nosuch"
            $ kubectl delete job two --grace-period=0 --force
            stderr: Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.
            job.batch "two" force deleted from default namespace
            exit 0
        "#]],
    );
}

/// A Job whose two pods run 100 s, and a CronJob whose every-minute Jobs run 300 s.
const SLOW_JOB_AND_MINUTELY_CRON_JOB: &str = r#"apiVersion: batch/v1
kind: Job
metadata: {name: slow}
spec:
  parallelism: 2
  completions: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox, command: [sh, -c, "sleep 100"]}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: tick}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: c, image: busybox, command: [sh, -c, "sleep 300"]}]
"#;

/// `delete --cascade=foreground`: the Job stays, being deleted with the `foregroundDeletion`
/// finalizer (and a new generation), until its pods are gone, and its controller counts the
/// deleted pods as failed; a CronJob stays until its Jobs are gone. `--cascade` reads as
/// kubectl reads it: a deprecated boolean with its warning, an unknown value with its error.
#[test]
fn delete_in_the_foreground_keeps_the_owner_until_its_dependents_are_gone() {
    check_script(
        Scenario::default(),
        &[("all.yaml", SLOW_JOB_AND_MINUTELY_CRON_JOB)],
        r#"kubectl apply -f all.yaml
sleep 70
kubectl delete job slow --cascade=foreground --wait=false
kubectl get jobs,pods
kubectl get job slow -o jsonpath='{.metadata.finalizers} {.metadata.deletionTimestamp}{"\n"}'
sleep 0.5
kubectl get job slow -o jsonpath='active {.status.active}, failed {.status.failed}, terminating {.status.terminating}, generation {.metadata.generation}{"\n"}'
kubectl wait --for=delete job/slow --timeout=60s
kubectl delete cronjob tick --cascade=foreground --wait=false
kubectl get cronjob tick -o jsonpath='{.metadata.finalizers}{"\n"}'
kubectl get jobs
kubectl wait --for=delete cronjob/tick --timeout=60s
kubectl get cronjobs,jobs,pods
kubectl delete job slow --cascade=maybe
kubectl delete job slow --cascade=false
kubectl delete job slow --cascade
"#,
        expect![[r#"
            $ kubectl apply -f all.yaml
            job.batch/slow created
            cronjob.batch/tick created
            $ sleep 70
            $ kubectl delete job slow --cascade=foreground --wait=false
            job.batch "slow" deleted from default namespace
            $ kubectl get jobs,pods
            NAME                      STATUS        COMPLETIONS   DURATION   AGE
            job.batch/slow            Terminating   0/2           70s        70s
            job.batch/tick-28928161   Running       0/1           10s        10s

            NAME                      READY   STATUS        RESTARTS   AGE
            pod/slow-d2v22            1/1     Terminating   0          70s
            pod/slow-zsmkf            1/1     Terminating   0          70s
            pod/tick-28928161-4vsvv   1/1     Running       0          10s
            $ kubectl get job slow -o jsonpath='{.metadata.finalizers} {.metadata.deletionTimestamp}{"\n"}'
            ["foregroundDeletion"] 2025-01-01T00:01:10Z
            $ sleep 0.5
            $ kubectl get job slow -o jsonpath='active {.status.active}, failed {.status.failed}, terminating {.status.terminating}, generation {.metadata.generation}{"\n"}'
            active , failed 2, terminating 2, generation 2
            $ kubectl wait --for=delete job/slow --timeout=60s
            job.batch/slow condition met
            $ kubectl delete cronjob tick --cascade=foreground --wait=false
            cronjob.batch "tick" deleted from default namespace
            $ kubectl get cronjob tick -o jsonpath='{.metadata.finalizers}{"\n"}'
            ["foregroundDeletion"]
            $ kubectl get jobs
            NAME            STATUS        COMPLETIONS   DURATION   AGE
            tick-28928161   Terminating   0/1           11s        11s
            $ kubectl wait --for=delete cronjob/tick --timeout=60s
            cronjob.batch/tick condition met
            $ kubectl get cronjobs,jobs,pods
            stderr: No resources found in default namespace.
            $ kubectl delete job slow --cascade=maybe
            stderr: error: invalid cascade value (maybe). Must be "background", "foreground", or "orphan"
            $ kubectl delete job slow --cascade=false
            stderr: warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.
            stderr: Error from server (NotFound): jobs.batch "slow" not found
            $ kubectl delete job slow --cascade
            stderr: Error from server (NotFound): jobs.batch "slow" not found
            exit 1
        "#]],
    );
}

/// `delete --cascade=orphan` (or the deprecated `--cascade=false`): the Job goes at once and
/// its pods stay, without their reference to it or their tracking finalizer, and run to
/// their end; a CronJob's Jobs stay too, each its own, and no new one is made.
#[test]
fn delete_orphaning_leaves_the_dependents_running_on_their_own() {
    check_script(
        Scenario::default(),
        &[("all.yaml", SLOW_JOB_AND_MINUTELY_CRON_JOB)],
        r#"kubectl apply -f all.yaml
sleep 70
kubectl delete job slow --cascade=false
kubectl get jobs,pods
kubectl get pod slow-d2v22 -o jsonpath='[{.metadata.ownerReferences}] [{.metadata.finalizers}]{"\n"}'
kubectl delete cronjob tick --cascade=orphan
kubectl get job tick-28928161 -o jsonpath='[{.metadata.ownerReferences}]{"\n"}'
sleep 60
kubectl get cronjobs,jobs,pods
"#,
        expect![[r#"
            $ kubectl apply -f all.yaml
            job.batch/slow created
            cronjob.batch/tick created
            $ sleep 70
            $ kubectl delete job slow --cascade=false
            stderr: warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.
            job.batch "slow" deleted from default namespace
            $ kubectl get jobs,pods
            NAME                      STATUS    COMPLETIONS   DURATION   AGE
            job.batch/tick-28928161   Running   0/1           10s        10s

            NAME                      READY   STATUS    RESTARTS   AGE
            pod/slow-d2v22            1/1     Running   0          70s
            pod/slow-zsmkf            1/1     Running   0          70s
            pod/tick-28928161-4vsvv   1/1     Running   0          10s
            $ kubectl get pod slow-d2v22 -o jsonpath='[{.metadata.ownerReferences}] [{.metadata.finalizers}]{"\n"}'
            [] []
            $ kubectl delete cronjob tick --cascade=orphan
            cronjob.batch "tick" deleted from default namespace
            $ kubectl get job tick-28928161 -o jsonpath='[{.metadata.ownerReferences}]{"\n"}'
            []
            $ sleep 60
            $ kubectl get cronjobs,jobs,pods
            NAME                      STATUS    COMPLETIONS   DURATION   AGE
            job.batch/tick-28928161   Running   0/1           70s        70s

            NAME                      READY   STATUS      RESTARTS   AGE
            pod/slow-d2v22            0/1     Completed   0          2m10s
            pod/slow-zsmkf            0/1     Completed   0          2m10s
            pod/tick-28928161-4vsvv   1/1     Running     0          70s
            exit 0
        "#]],
    );
}
