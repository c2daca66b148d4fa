// Package apidiff compares two versions of a collection as the generated
// client sees them: it builds the model of each with the generator's own
// pipeline ([generator.BuildModel]) and reports what changed for the Go
// code that calls the client, grouped by folder and operation.
//
// # What is compared
//
// Operations are paired by Go method name first. Those left over are
// paired by method and path shape (the path with its parameter names
// blanked out), in collection order: such a pair is a renamed operation.
// The rest are removed or added. For each pair the report lists changes
// of:
//
//   - the method, the path and the host an operation is served from;
//   - path parameters (method arguments, by position), query and header
//     parameters (fields of the Params struct, by wire name) and form
//     fields (by wire name): added, removed, made required or optional,
//     changed in type;
//   - the request, response and error bodies: their kind and content
//     type, and the members of a JSON body, walked by JSON key (added,
//     removed, changed in type, nullability or optionality, named type
//     renamed), and a body type that is no longer the same Go type as
//     another (bodies of one shape are aliases of one declaration);
//   - the auth an operation uses;
//   - saved examples, by name.
//
// The client's base URL is compared once for the whole collection.
//
// # Classes
//
// Each change has a [Class]. [Breaking]: code that calls the generated
// client stops compiling, or the same call behaves differently: a removed
// or renamed method, field, parameter or type, a changed Go type, a new or
// removed method argument, a changed method, path or auth kind, two body
// types that were one Go type and no longer are (two types that become
// one break nothing and are not reported); and what the API now needs. A
// parameter or form field is required when the model says so (Postman's
// OpenAPI importer marks it "(Required)"): one that is added required, or
// becomes required, is breaking. A body member is
// required when every sample has it; since importers put every member in
// the one sample they write, a new request member is additive, but one that
// becomes required (the samples that left it out are gone) is breaking, and
// so is a response member that becomes optional (callers must now check for
// it). [Additive]: new operations, optional parameters and members,
// anything made optional in a request. [Info]: changes that neither break
// callers nor add to the API: saved examples, content types of the same
// body kind, the base URL, a renamed path parameter, an operation moved to
// another folder, a parameter the collection now sends or leaves out by
// default.
//
// # JSON output
//
// [Report.WriteJSON] writes one object, indented, with a stable schema:
//
//	{
//	  "old": "v1.json",              // the names the inputs were given
//	  "new": "v2.json",
//	  "breaking": 1,                 // count of changes of each class
//	  "additive": 1,
//	  "info": 0,
//	  "changes": [                   // in the order of the text output
//	    {
//	      "class": "breaking",       // "breaking", "additive" or "info"
//	      "kind": "param-removed",   // one of the Kind constants
//	      "folder": ["Deals"],       // folder path; [] for the root and the collection
//	      "item": "Get deals",       // Postman item name; "" for the collection
//	      "operation": "GetDeals",   // Go method name; "" for the collection
//	      "subject": "query parameter \"limit\"",
//	      "old": "string",           // value before and after, "" when none
//	      "new": "",
//	      "message": "query parameter \"limit\" removed"
//	    }
//	  ]
//	}
//
// Fields are never omitted; new fields may be added, existing ones keep
// their meaning.
package apidiff
