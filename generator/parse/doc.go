// Package parse is the first stage of the generator: it reads a Postman
// collection (schema v2.0 or v2.1), rejects what is not one with a
// one-line [Error] naming the file, line, column and JSON path, and hands
// on a *postman.Collection decoded by go-postman-collection v0.9.0 together
// with what that library drops ([ItemExtra]).
//
// The library fails on, or silently mangles, shapes that real exports
// contain. Parse therefore decodes the input into its own tree first (which
// keeps key order and number text, and rejects invalid UTF-8 and absurd
// nesting), rewrites the tree into shapes the library reads correctly,
// and only then decodes it with the library, an item at a time: each
// item is encoded again and decoded on its own. In the tree:
//
//   - Descriptions given as objects {"content", "type"} (on the collection,
//     folders, items, requests, headers, query parameters, variables, URL
//     variables, body parameters) become their content string. The
//     collection's own description always becomes an object, because the
//     library reads a description string without decoding its escapes.
//   - A URL given as a string becomes an object whose raw is the decoded
//     string, split into protocol, host, port, path, query and hash as
//     Postman splits it ("{{base}}/v1/users/:id?x=1" has host ["{{base}}"],
//     path ["v1", "users", ":id"], query x=1, and a path variable "id"). A
//     URL object without raw gets one built from its parts; one with only
//     raw gets its parts. Host and path given as strings become lists.
//     Query entries stay in place when disabled, which the library does not
//     record: [ItemExtra.DisabledQuery] does.
//   - A request given as a string is a GET of that URL. A missing method is
//     GET; methods are upper-cased ("post" becomes "POST").
//   - A header list given as a string "K: V\nK2: V2" becomes a list, split
//     at the first colon of each line only ("Date: 12:00" keeps its time);
//     a null header list is empty.
//   - Null keys and values become "". Numbers, booleans and objects where
//     the library wants a string (variable, header and query values, auth
//     parameter values, cookie fields such as a boolean "secure") become
//     their JSON text; "true"/"false" strings where it wants a boolean
//     become booleans; a response code given as a string becomes a number.
//   - Auth parameters in the v2.0 object form {"token": "..."} become the
//     v2.1 list form, sorted by key so that the order never depends on a
//     Go map (the library's own v2.0 reading does, and ignores errors).
//     Every parameter value is a string. "auth": null means no auth block.
//   - Objects keep only the keys the library reads, each once: the last of
//     duplicate keys wins and keys match exactly, as in Postman (the
//     library would match "URL" to "url" and fail on an earlier duplicate).
//   - An item with neither "request" nor "item" is skipped with a warning,
//     as are null items and null examples. Events and scripts are kept as
//     the library reads them (a one-string "exec" becomes a list of lines).
//
// Limits ([Parser]) cap the input size, the folder depth and the JSON
// nesting, and a panic inside the library becomes an error.
package parse
