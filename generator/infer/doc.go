// Package infer is the infer stage: it turns sample JSON bodies into a tree
// of [Type] values, merging every sample of one body, and finds the object
// types that are the same across a whole collection so that they are
// declared once.
//
// # Merging samples
//
// [Graph.Add] takes all the samples of one body (say a request's raw body
// and each example's original request body) and merges them position by
// position:
//
//   - An object's fields are the union of the keys seen, in the order each
//     key first appears, reading the samples in order and each sample in
//     document order (the samples are read with json.Decoder.Token, which
//     keeps key order). A key missing from some object at that position is
//     Optional; a key that is null somewhere is Nullable. The two are
//     independent, and the generated code keeps them apart (see package
//     gotype for the Go types they become).
//   - The elements of every array at one position merge into one element
//     type, so an array of objects has one object type with the union of
//     their fields. An array that is empty in every sample has elements of
//     kind [Unknown].
//   - A position that is null in every sample (or has no sample) is
//     [Unknown]: it keeps the raw JSON.
//   - Numbers are judged by their text. If every number is an integer that
//     fits int64 (no fraction, no exponent) the kind is [Int]. Otherwise, if
//     float64 holds every number well enough that re-encoding it gives the
//     same decimal value, the kind is [Float] ("32500.0" and "1.5e3" are
//     floats). Otherwise it is [BigNumber], kept as text: integers beyond
//     int64, "1e400", and "0.1000000000000000055511151231257827", whose
//     float64 encodes as 0.1.
//   - A string is [Time] when every string at that position is an RFC 3339
//     date-time (time.Parse with time.RFC3339 accepts it); date-only and
//     other strings stay [String]. There are no enums.
//   - A string that [ParsePlaceholder] recognises ("<integer>",
//     "<string,null>", "<object>", the importer's circular-reference and
//     too-deep stand-ins) is a statement about the type, not a string
//     sample: "<integer>" and "<long>" count as an integer, "<number>" and
//     "<double>" as a number float64 holds (placeholders alone never make
//     [BigNumber]), "<boolean>" as a boolean, "<dateTime>" as a date-time,
//     "<date>" as a full date, and "<string>", "<uuid>", "<uri>",
//     "<email>" as a string that is neither. They merge with real samples
//     as those would: "<integer>" beside 1.5 is [Float], "<string>" beside
//     a real date-time is [String] (the schema allows any string). A
//     position with "<date>" whose strings are all full dates is [Date].
//     "<T,null>" adds a null, "<null>" is only a null, and a placeholder of
//     any JSON value ("<object>", a circular reference) makes the position
//     [Unknown] whatever else it holds, since raw JSON accepts it all.
//     [Realize] turns such a text into one with values of those types.
//   - When one position holds values of more than one JSON kind (Zoho's
//     "module": "Contacts" next to "module": {"api_name": "Leads"}), its
//     kind is [Union], with one variant per JSON kind in the order boolean,
//     number, string, object, array. Integers mixed with fractions are one
//     number kind, not a union.
//
// Samples are checked first: one that is not valid JSON or nests deeper than
// [MaxDepth] levels makes Add fail with a [*SampleError] naming the sample
// and the line and column. [Sanitize] turns Postman's bare {{variables}}
// into nulls first, so that bodies using them still infer.
//
// # Names
//
// Object and union types are named types. A field's Go name comes from its
// key through the [naming.Namer], unique within its struct; the name Extra,
// which every object type uses for the members it does not know, and the
// method names MarshalJSON and UnmarshalJSON are reserved first, so a key
// "extra" becomes the field Extra2. Field names depend only on the keys of
// their own object.
//
// Type names are given by [Graph.Finish], in this order:
//
//  1. Roots, in the order of their body keys: each takes the name passed to
//     Add, or that name and Body when it is taken.
//  2. Types that appear in one place only, in the order of their body keys
//     and then of a depth-first walk in field order: each is named after its
//     context, the name of the nearest named type around it plus the field's
//     Go name ("CreateJobResponse" + "Data" + "Details"). Array elements take
//     the name of the array's field in the singular ("tweets" gives Tweet,
//     see [naming.Namer.Singular]), or as it is when a field of the
//     singular name sits beside it; elements of a root array and of a
//     nested array add "Item", and the object and array forms of a union
//     add "Object" and "Item".
//  3. Shared types: nested object and union types that are the same in more
//     than one place, anywhere in the collection. Two types are the same
//     when they have the same keys in the same order with the same types,
//     optionality and nullability, recursively. Each shared type is
//     declared once, named after the field key it appears under most often
//     (ties go to the name that sorts first), so Zoho's {"id","name"} found
//     under "Owner", "Created_By" and "Modified_By" in equal numbers is
//     CreatedBy. When that name is taken, the type's context tells it
//     apart: the name of the type it sits in (TweetEntities for entities
//     inside the shared Tweet), the fields it sits under in every place
//     (PageMeta), the name it would have in its first place alone, and its
//     whole path from the root; only when all of these are taken does it
//     get a number. Shared types claim names parents first (by the depth
//     of their deepest place), then in the order of the name wanted and
//     of their first place.
//
// Every claim goes through the package's [naming.Scope], in which the
// names the runtime uses, and names that read as the runtime's (Options
// beside its Option, Error and Errors beside its error types), are
// reserved already.
//
// Because context names are built from a type's own body and its path, a
// change to one request renames nothing in another, with three limits: a
// type that becomes shared (or stops being shared) changes from a context
// name to a shared name (or back); two shared types that want the same name
// are told apart in the order of their first place, so a change elsewhere
// can swap them; and any name can be pushed to a qualified (or, last, a
// numbered) form by a new name claimed before it.
//
// # Aliases
//
// Roots are never merged with other types, even when they are the same,
// since their names are what an operation's signature shows: Zoho's
// GetCurrencies and AddCurrencies reply with errors of one shape, and each
// keeps its name, GetCurrenciesError and AddCurrenciesError. Once every
// type is named, Finish makes each named type that is the same as one of
// another name (two roots, or a root and a nested type; the same in the
// sense above, so with the same field names, keys, types, order,
// optionality and nullability) an alias of the first of them in name
// order: [Type.Alias] is set on it, and the generated code declares it as
// a Go alias (type GetCurrenciesError = AddCurrenciesError), which has
// the same fields and methods under both names. The first one, declared
// as a struct, is never an alias itself, and its doc comment names its
// aliases (the first three, then how many more); an alias's says which
// type it is the same as. Which type is first depends only on the names
// of the types of that shape, not on the order of the bodies: it changes
// only when a type of that shape whose name sorts before it comes or
// goes, and then every name still denotes one Go type.
package infer
