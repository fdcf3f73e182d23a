from uzit_cli.cli.launch import main

main()
