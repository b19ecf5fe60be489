// Command k8s-yaml parses YAML documents the way kubectl, Flux and
// kustomize do (sigs.k8s.io/yaml, the go-yaml v2 fork behind them) and
// prints them as JSON, so the renderer's output can be checked against the
// real parser.
//
// Input on stdin: a JSON array of YAML documents (strings).
// Output on stdout: a JSON array with, for each document, either
// {"json": <the document as JSON>} or {"error": "<parser message>"}.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"sigs.k8s.io/yaml"
)

type result struct {
	JSON  json.RawMessage `json:"json,omitempty"`
	Error string          `json:"error,omitempty"`
}

func main() {
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var documents []string
	if err := json.Unmarshal(input, &documents); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	results := make([]result, len(documents))
	for i, document := range documents {
		converted, err := yaml.YAMLToJSON([]byte(document))
		if err != nil {
			results[i].Error = err.Error()
			continue
		}
		results[i].JSON = converted
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
