"""忻政办发〔2022〕81号: its registry entry and data are the .toml files beside this; its rules are in
`rules`."""
