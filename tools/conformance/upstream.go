package main

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/batch"
	_ "k8s.io/kubernetes/pkg/apis/batch/install"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	cronjobregistry "k8s.io/kubernetes/pkg/registry/batch/cronjob"
	jobregistry "k8s.io/kubernetes/pkg/registry/batch/job"
	"sigs.k8s.io/yaml"
)

const kubernetesVersion = "v1.37.2"

// document is one `---` document of a text and what Kubernetes made of it.
type document struct {
	// firstLine is the document's first line, counting from 1 (jobplay's diagnostics are
	// attributed to documents by line).
	firstLine int
	// judged: a batch/v1 Job or CronJob, the objects this harness sends to the API server.
	// Other documents (the Scenario document, other kinds) are not compared.
	judged bool
	// what names the object for the report: `Job "pi"`.
	what string
	// errors are the messages Kubernetes answers with, in jobplay's per-error form.
	errors []string
}

// separator is a document separator as k8s.io/apimachinery/pkg/util/yaml's
// YAMLReader splits on (a line starting with "---").
var separator = regexp.MustCompile(`^---($|\s)`)

// upstream sends each Job and CronJob of text through the API server's create path, in
// order, with one store per kind (so a second object of the same name already exists).
func upstream(text string) []document {
	var docs []document
	lines := strings.SplitAfter(text, "\n")
	start, body := 1, []string{}
	flush := func() {
		docs = append(docs, document{firstLine: start, what: strings.Join(body, "")})
	}
	for i, l := range lines {
		if separator.MatchString(l) {
			flush()
			start, body = i+2, nil
			continue
		}
		body = append(body, l)
	}
	flush()
	created := map[string]bool{}
	for i := range docs {
		judge(&docs[i], created)
	}
	return docs
}

// fixedUID stands in for the UID the API server generates (rest.FillObjectMetaSystemFields),
// so that messages that print the generated selector are repeatable.
const fixedUID = types.UID("00000000-0000-4000-8000-000000000000")

func judge(d *document, created map[string]bool) {
	text := d.what
	d.what = ""
	if strings.TrimSpace(stripComments(text)) == "" {
		return
	}
	// kubectl turns YAML into JSON before it sends it (sigs.k8s.io/yaml, as
	// k8s.io/apimachinery/pkg/util/yaml's YAMLOrJSONDecoder does).
	body, err := yaml.YAMLToJSON([]byte(text))
	if err != nil {
		return
	}
	var tm metav1.TypeMeta
	if err := yaml.Unmarshal(body, &tm); err != nil || tm.APIVersion != "batch/v1" || (tm.Kind != "Job" && tm.Kind != "CronJob") {
		return
	}
	d.judged = true
	var into runtime.Object
	var strategy rest.RESTCreateStrategy
	var resource string
	switch tm.Kind {
	case "Job":
		into, strategy, resource = &batch.Job{}, jobregistry.Strategy, "jobs"
	case "CronJob":
		into, strategy, resource = &batch.CronJob{}, cronjobregistry.Strategy, "cronjobs"
	}
	obj, message := create(body, into, strategy, tm.Kind, resource)
	name := ""
	if obj != nil {
		name = obj.(metav1.Object).GetName()
	}
	d.what = fmt.Sprintf("%s %q", tm.Kind, name)
	if message != nil {
		d.errors = message
		return
	}
	// The store: genericregistry.Store.Create answers storage.KeyExistsError with AlreadyExists.
	key := tm.Kind + "/" + name
	if created[key] {
		d.errors = []string{errors.NewAlreadyExists(batch.Resource(resource), name).Error()}
		return
	}
	created[key] = true
}

// create is pkg/endpoints/handlers/create.go's createHandler for one body, with
// fieldValidation=Warn (unknown fields are warnings, as jobplay reports them), through
// genericregistry.Store.Create's rest.BeforeCreate. It answers the stored object, or the
// messages: a decoding error whole, or one `The Kind "name" is invalid: ...` per field error.
func create(body []byte, into runtime.Object, strategy rest.RESTCreateStrategy, kind, resource string) (obj runtime.Object, messages []string) {
	// A panic in validation is answered by the API server's panic filter
	// (k8s.io/apiserver/pkg/server/filters.WithPanicRecovery) with a 500; it is reported as such.
	defer func() {
		if r := recover(); r != nil {
			messages = []string{fmt.Sprintf("(the API server panics: %v)", r)}
		}
	}()
	codecs := legacyscheme.Codecs
	info, ok := runtime.SerializerInfoForMediaType(codecs.SupportedMediaTypes(), runtime.ContentTypeJSON)
	if !ok {
		panic("no JSON serializer")
	}
	decoder := codecs.DecoderToVersion(info.StrictSerializer, schema.GroupVersion{Group: batch.GroupName, Version: runtime.APIVersionInternal})
	defaultGVK := batch.SchemeGroupVersion.WithKind(kind)
	defaultGVK.Version = "v1"
	obj, gvk, err := decoder.Decode(body, &defaultGVK, into)
	if err != nil {
		if _, strict := runtime.AsStrictDecodingError(err); !strict || obj == nil {
			// handlers.transformDecodeError
			if gvk != nil && len(gvk.Kind) > 0 {
				return nil, []string{errors.NewBadRequest(fmt.Sprintf("%s in version %q cannot be handled as a %s: %v", gvk.Kind, gvk.Version, kind, err)).Error()}
			}
			return nil, []string{errors.NewBadRequest(err.Error()).Error()}
		}
	}
	meta := obj.(metav1.Object)
	namespace := meta.GetNamespace()
	if namespace == "" {
		namespace = metav1.NamespaceDefault
	}
	rest.WipeObjectMetaSystemFields(meta)
	if err := rest.EnsureObjectNamespaceMatchesRequestNamespace(namespace, meta); err != nil {
		return obj, []string{err.Error()}
	}
	ctx := genericapirequest.WithNamespace(context.Background(), namespace)
	ctx = genericapirequest.WithRequestInfo(ctx, &genericapirequest.RequestInfo{
		IsResourceRequest: true, Verb: "create", APIPrefix: "apis", APIGroup: batch.GroupName,
		APIVersion: "v1", Namespace: namespace, Resource: resource,
	})
	rest.FillObjectMetaSystemFields(meta)
	meta.SetUID(fixedUID)
	if len(meta.GetGenerateName()) > 0 && len(meta.GetName()) == 0 {
		meta.SetName(strategy.GenerateName(meta.GetGenerateName()))
	}
	// rest.BeforeCreate, whose field errors we want one by one rather than as one StatusError.
	strategy.PrepareForCreate(ctx, obj)
	errs := rest.ValidateCreate(ctx, obj, strategy)
	var out []string
	for _, e := range errs {
		out = append(out, fmt.Sprintf("The %s %q is invalid: %s", kind, meta.GetName(), e.Error()))
	}
	return obj, out
}

func stripComments(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}
