#!/usr/bin/env bash
# Builds the project's FerretDB into the path given as $1: FerretDB v1.24.2 from the Go module
# proxy, with the patches in patches/ applied (see README.md), and main.go's wrapper around it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$here"
go mod download github.com/FerretDB/FerretDB
upstream=$(go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)
cp -r "$upstream" "$work/ferretdb"
chmod -R u+w "$work/ferretdb"
for change in patches/*.patch; do
  patch --quiet --forward --strip=1 --directory="$work/ferretdb" <"$change"
done

cp main.go go.mod go.sum "$work/"
cd "$work"
go mod edit -replace github.com/FerretDB/FerretDB=./ferretdb
mkdir -p "$(dirname "$target")"
# Built beside the target and moved into place, so a concurrent build never runs a half-written file.
go build -mod=readonly -trimpath -o "$target.$$" .
mv -f "$target.$$" "$target"
