from uzit_cli.cli import main

main()
