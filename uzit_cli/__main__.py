from uzit_cli.launch import main

main()
